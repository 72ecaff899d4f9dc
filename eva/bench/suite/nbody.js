// nbody: classic 5-body simulation; bodies are instances, float state in properties
// Numbers print as the shortest decimal that reads back to the same double, as Python's repr.
const SIZE = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 200000;

const PI = 3.141592653589793;
const SOLAR_MASS = 4.0 * PI * PI;
const DAYS_PER_YEAR = 365.24;

class Body {
  constructor(x, y, z, vx, vy, vz, mass) {
    this.x = x;
    this.y = y;
    this.z = z;
    this.vx = vx * DAYS_PER_YEAR;
    this.vy = vy * DAYS_PER_YEAR;
    this.vz = vz * DAYS_PER_YEAR;
    this.mass = mass * SOLAR_MASS;
  }
}

function makeBodies() {
  return [
    new Body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
    new Body(
      4.84143144246472090,
      -1.16032004402742839,
      -0.103622044471123109,
      0.00166007664274403694,
      0.00769901118419740425,
      -0.0000690460016972063023,
      0.000954791938424326609),
    new Body(
      8.34336671824457987,
      4.12479856412430479,
      -0.403523417114321381,
      -0.00276742510726862411,
      0.00499852801234917238,
      0.0000230417297573763929,
      0.000285885980666130812),
    new Body(
      12.8943695621391310,
      -15.1111514016986312,
      -0.223307578892655734,
      0.00296460137564761618,
      0.00237847173959480950,
      -0.0000296589568540237556,
      0.0000436624404335156298),
    new Body(
      15.3796971148509165,
      -25.9193146099879641,
      0.179258772950371181,
      0.00268067772490389322,
      0.00162824170038242295,
      -0.0000951592254519715870,
      0.0000515138902046611451),
  ];
}

function offsetMomentum(bodies) {
  let px = 0.0;
  let py = 0.0;
  let pz = 0.0;
  const n = bodies.length;
  let i = 0;
  while (i < n) {
    const b = bodies[i];
    px = px + b.vx * b.mass;
    py = py + b.vy * b.mass;
    pz = pz + b.vz * b.mass;
    i = i + 1;
  }
  const sun = bodies[0];
  sun.vx = -px / SOLAR_MASS;
  sun.vy = -py / SOLAR_MASS;
  sun.vz = -pz / SOLAR_MASS;
}

function energy(bodies) {
  let e = 0.0;
  const n = bodies.length;
  let i = 0;
  while (i < n) {
    const b = bodies[i];
    e = e + 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz);
    let j = i + 1;
    while (j < n) {
      const b2 = bodies[j];
      const dx = b.x - b2.x;
      const dy = b.y - b2.y;
      const dz = b.z - b2.z;
      e = e - (b.mass * b2.mass) / Math.sqrt(dx * dx + dy * dy + dz * dz);
      j = j + 1;
    }
    i = i + 1;
  }
  return e;
}

function advance(bodies, dt, steps) {
  const n = bodies.length;
  let s = 0;
  while (s < steps) {
    let i = 0;
    while (i < n) {
      const bi = bodies[i];
      let j = i + 1;
      while (j < n) {
        const bj = bodies[j];
        const dx = bi.x - bj.x;
        const dy = bi.y - bj.y;
        const dz = bi.z - bj.z;
        const d2 = dx * dx + dy * dy + dz * dz;
        const mag = dt / (d2 * Math.sqrt(d2));
        const bim = bi.mass * mag;
        const bjm = bj.mass * mag;
        bi.vx = bi.vx - dx * bjm;
        bi.vy = bi.vy - dy * bjm;
        bi.vz = bi.vz - dz * bjm;
        bj.vx = bj.vx + dx * bim;
        bj.vy = bj.vy + dy * bim;
        bj.vz = bj.vz + dz * bim;
        j = j + 1;
      }
      i = i + 1;
    }
    i = 0;
    while (i < n) {
      const b = bodies[i];
      b.x = b.x + dt * b.vx;
      b.y = b.y + dt * b.vy;
      b.z = b.z + dt * b.vz;
      i = i + 1;
    }
    s = s + 1;
  }
}

function main(steps) {
  const bodies = makeBodies();
  offsetMomentum(bodies);
  const e0 = energy(bodies);
  advance(bodies, 0.01, steps);
  console.log(String(e0) + " " + String(energy(bodies)));
}

main(SIZE);
