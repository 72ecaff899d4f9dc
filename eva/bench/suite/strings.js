// strings: build short strings by concatenation (+, String) and compare them (===, <, length, index)
const SIZE = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 1000000;

function makeWord(i) {
  return "w" + String((i * 7919) % 10007) + (i % 2 === 0 ? "a" : "b");
}

function run(n) {
  let prev = "start";
  let line = "";
  let best = "";
  let less = 0;
  let same = 0;
  let chars = 0;
  let i = 0;
  while (i < n) {
    const w = makeWord(i);
    if (w < prev) {
      less = less + 1;
    }
    if (w[1] === prev[1]) {
      same = same + 1;
    }
    if (w === makeWord(i + 10007 * (i % 3))) {
      same = same + 1;
    }
    chars = chars + w.length;
    line = line + w[w.length - 2];
    if (line.length >= 12) {
      if (best < line) {
        best = line;
      }
      line = "";
    }
    prev = w;
    i = i + 1;
  }
  console.log(less + " " + same + " " + chars + " " + best);
}

run(SIZE);
