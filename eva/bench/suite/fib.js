// fib: naive recursive Fibonacci (calls, global lookup, integer add/compare)
const SIZE = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 35;

function fib(n) {
  if (n < 2) {
    return n;
  }
  return fib(n - 1) + fib(n - 2);
}

console.log(String(fib(SIZE)));
