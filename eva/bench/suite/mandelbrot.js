// mandelbrot: SIZE x SIZE points, at most 50 iterations each (float arithmetic, nested loops)
const SIZE = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 600;

function iterate(cr, ci) {
  let zr = 0.0;
  let zi = 0.0;
  let i = 0;
  while (i < 50 && zr * zr + zi * zi <= 4.0) {
    const t = zr * zr - zi * zi + cr;
    zi = 2.0 * (zr * zi) + ci;
    zr = t;
    i = i + 1;
  }
  return i;
}

function mandel(n) {
  let inside = 0;
  let total = 0;
  let y = 0;
  while (y < n) {
    const ci = 2.0 * y / n - 1.0;
    let x = 0;
    while (x < n) {
      const k = iterate(2.5 * x / n - 2.0, ci);
      if (k === 50) {
        inside = inside + 1;
      }
      total = total + k;
      x = x + 1;
    }
    y = y + 1;
  }
  return inside * 1000000 + total;
}

console.log(String(mandel(SIZE)));
