// objects: binary trees (benchmarks game style): allocation-heavy instance creation and traversal
// Numbers are doubles: the checksum is exact while it stays below 2**53, as at the default size.
const SIZE = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 14;

class Node {
  constructor(left, right) {
    this.left = left;
    this.right = right;
  }
}

function makeTree(d) {
  if (d === 0) {
    return new Node(null, null);
  }
  return new Node(makeTree(d - 1), makeTree(d - 1));
}

function check(t) {
  if (t.left === null) {
    return 1;
  }
  return 1 + (check(t.left) + check(t.right));
}

function pow2(k) {
  let r = 1;
  while (k > 0) {
    r = r * 2;
    k = k - 1;
  }
  return r;
}

function main(n) {
  const minDepth = 4;
  let maxDepth = n;
  if (maxDepth < minDepth + 2) {
    maxDepth = minDepth + 2;
  }
  let total = check(makeTree(maxDepth + 1));
  const longLived = makeTree(maxDepth);
  let d = minDepth;
  while (d <= maxDepth) {
    const iters = pow2(maxDepth - d + minDepth);
    let s = 0;
    let i = 0;
    while (i < iters) {
      s = s + check(makeTree(d));
      i = i + 1;
    }
    total = total * 7 + s;
    d = d + 2;
  }
  return total * 7 + check(longLived);
}

console.log(String(main(SIZE)));
