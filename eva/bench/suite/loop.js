// loop: integer arithmetic in a while loop inside a function (locals, %, *, +, compare)
// Numbers are doubles: exact while every value stays below 2**53, as it does at any size
// up to about 90,000,000 (i * i is the largest).
const SIZE = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 7000000;

function run(n) {
  let i = 0;
  let s = 0;
  let h = 7;
  while (i < n) {
    s = s + ((i * i) % 7 - i % 3);
    h = (h * 31 + i) % 1000003;
    i = i + 1;
  }
  return s * 1000003 + h;
}

console.log(String(run(SIZE)));
