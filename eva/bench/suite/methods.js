// methods: method calls in a loop, with an inherited method and an override
const SIZE = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 3000000;

class Acc {
  constructor(k) {
    this.total = 0;
    this.k = k;
  }

  scale(x) {
    return x * this.k;
  }

  step(x) {
    this.total = (this.total + this.scale(x)) % 1000003;
    return this.total;
  }
}

class Offset extends Acc {
  scale(x) {
    return x * this.k + 1;
  }
}

function run(n) {
  const a = new Acc(3);
  const b = new Offset(5);
  let last = 0;
  let i = 0;
  while (i < n) {
    last = a.step(i);
    last = last + b.step(last);
    i = i + 1;
  }
  return a.total * 1000003 + (b.total + last);
}

console.log(String(run(SIZE)));
