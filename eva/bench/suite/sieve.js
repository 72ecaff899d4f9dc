// sieve: sieve of Eratosthenes on a list (push, index, index-assign); counts and sums primes below SIZE
const SIZE = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 5000000;

function sieve(n) {
  const flags = [];
  let i = 0;
  while (i < n) {
    flags.push(true);
    i = i + 1;
  }
  flags[0] = false;
  flags[1] = false;
  i = 2;
  while (i * i < n) {
    if (flags[i]) {
      let j = i * i;
      while (j < n) {
        flags[j] = false;
        j = j + i;
      }
    }
    i = i + 1;
  }
  let count = 0;
  let total = 0;
  i = 0;
  while (i < n) {
    if (flags[i]) {
      count = count + 1;
      total = total + i;
    }
    i = i + 1;
  }
  console.log(count + " " + total);
}

sieve(SIZE);
