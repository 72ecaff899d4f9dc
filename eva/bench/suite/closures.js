// closures: a counter closure incrementing a captured variable, called SIZE times
const SIZE = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 10000000;

function makeCounter(start) {
  let count = start;
  return function counter() {
    count = count + 1;
    return count;
  };
}

function run(n) {
  const c1 = makeCounter(0);
  const c2 = makeCounter(1000);
  let total = 0;
  let i = 0;
  while (i < n) {
    total = total + c1() % 10;
    i = i + 1;
  }
  return total * 10000 + (c1() + c2());
}

console.log(String(run(SIZE)));
