"""peers.md, peers.csv and peers.png for bench/peers_bench.py."""
import csv
import os

SYSTEMS = ["attn-run", "onnxruntime", "openvino", "pytorch", "iree"]
LABEL = {"attn-run": "attn-run fused", "onnxruntime": "ONNX Runtime",
         "openvino": "OpenVINO", "pytorch": "PyTorch", "iree": "IREE"}


def best_peer(rows, shape):
    peers = [r for r in rows if r["shape"] == shape and r["system"] != "attn-run"
             and r["gflops"] and r["check_ok"]]
    return max(peers, key=lambda r: r["gflops"]) if peers else None


def bw_at(meta, mib, threads):
    for r in meta["read_bw"]:
        if r["mib"] == mib and r["threads"] == threads:
            return r["best_gbps"]
    return None


def write_outputs(out, rows, meta, dec, kv_mib):
    shapes = list(dict.fromkeys(r["shape"] for r in rows))
    systems = [s for s in SYSTEMS if any(r["system"] == s for r in rows)]
    by = {(r["shape"], r["system"]): r for r in rows}
    for r in rows:
        b = best_peer(rows, r["shape"])
        r["ratio_to_best_peer"] = (round(r["gflops"] / b["gflops"], 3)
                                   if b and r["gflops"] else None)
        r["frac_peak"] = round(r["gflops"] / meta["peak"], 4) if r["gflops"] else None
    with open(os.path.join(out, "peers.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)

    t = meta["threads"]
    md = ["# attn-run against ONNX Runtime, OpenVINO, PyTorch and IREE", "",
          f"`{meta['command']}`, {meta['date']}, {meta['cpu']}, {t} threads, "
          f"B=1, H=8 (decode: H=32 query, 8 kv heads). Median of {meta['reps']} "
          f"alternating samples, each the median of {meta['calls']} timed calls after "
          "a warm-up. GFLOP/s from the project's work count (masked work not "
          "counted) for every system.", "",
          f"Measured in the same run: FP32 FMA peak at {t} threads "
          f"**{meta['peak']} GFLOP/s** (attn-fma-peak); load average "
          f"{meta['load_start'][0]:.2f} at the start, {meta['load_end'][0]:.2f} at "
          "the end (1-minute averages; the `load` column of peers.csv has the load "
          "after each shape: a high one means something else ran and the row is "
          "noisy).", "",
          "Every system's output was checked against the project's float64 "
          "reference on attn-run's inputs (attn-run's tolerance: f32 atol 1e-5 "
          "rtol 1e-4, bf16 1.6e-2); a failed check is marked FAIL and the number "
          "shown anyway.", "",
          "| shape | " + " | ".join(LABEL[s] for s in systems)
          + " | best peer | attn-run / best peer | attn-run % of peak |",
          "|---|" + "---|" * (len(systems) + 3)]
    for sh in shapes:
        cells = []
        for s in systems:
            r = by.get((sh, s))
            if not r or r["gflops"] is None:
                cells.append("n/a")
            else:
                cells.append(f"{r['gflops']:.1f}" + ("" if r["check_ok"] else " FAIL"))
        b = best_peer(rows, sh)
        a = by.get((sh, "attn-run"))
        ratio = a["ratio_to_best_peer"] if a else None
        cells.append(LABEL[b["system"]] if b else "-")
        cells.append(f"{ratio:.2f}x" if ratio else "-")
        cells.append(f"{a['frac_peak']:.0%}" if a and a["frac_peak"] else "-")
        md.append(f"| {sh} | " + " | ".join(cells) + " |")
    md += ["", "Notes (n/a cells, configuration read back):", ""]
    for sh in shapes:
        for s in systems:
            r = by.get((sh, s))
            if r and r["note"]:
                # An error note is a traceback: its last line says what failed.
                note = r["note"].strip().splitlines()[-1]
                md.append(f"- {sh}, {LABEL[s]}: {note}")
    md += ["", "## Read bandwidth and the decode row", "",
           "attn-read-bw (best of its passes, GB/s = 1e9 bytes/s):", "",
           "| buffer (MiB) | threads | best GB/s | median GB/s |", "|---|---|---|---|"]
    for r in meta["read_bw"]:
        md.append(f"| {r['mib']} | {r['threads']} | {r['best_gbps']} | {r['median_gbps']} |")
    if dec:
        kv_bytes = 2 * dec["Hkv"] * dec["Skv"] * dec["D"] * 4
        md += ["", f"Decode ({dec['Skv']} keys, {dec['Hkv']} kv heads, D={dec['D']}, f32): "
               f"K and V are {kv_bytes / 2**20:.0f} MiB. Time to read them once at {t} threads:", ""]
        md += ["| bandwidth of | GB/s | time to read K and V once (ms) | "
               + " | ".join(f"{LABEL[s]} time / read time" for s in systems) + " |",
               "|---|---|---|" + "---|" * len(systems)]
        for label, mib in ((f"a {kv_mib} MiB buffer (what a repeated call sees; "
                            "fits the last-level cache)", kv_mib), ("a 2048 MiB buffer (DRAM)", 2048)):
            bw = bw_at(meta, mib, t)
            if not bw:
                continue
            tr = kv_bytes / (bw * 1e9) * 1e3
            cells = []
            for s in systems:
                r = by.get((dec_name(rows, dec), s))
                cells.append(f"{r['time_ms'] / tr:.2f}x" if r and r["time_ms"] else "n/a")
            md.append(f"| {label} | {bw} | {tr:.2f} | " + " | ".join(cells) + " |")
    md += ["", "## Versions", ""]
    for k, v in meta["versions"].items():
        md.append(f"- {k}: {v}")
    with open(os.path.join(out, "peers.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md), flush=True)
    plot(out, rows, shapes, systems, meta)


def dec_name(rows, dec):
    for r in rows:
        if r["Sq"] == dec["Sq"] and r["Skv"] == dec["Skv"] and r["Hq"] == dec["Hq"]:
            return r["shape"]
    return None


def plot(out, rows, shapes, systems, meta):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib missing: no plot", flush=True)
        return
    by = {(r["shape"], r["system"]): r for r in rows}
    fig, ax = plt.subplots(figsize=(max(10, 0.9 * len(shapes) + 3), 5.5))
    width = 0.8 / len(systems)
    for i, s in enumerate(systems):
        xs, ys = [], []
        for j, sh in enumerate(shapes):
            r = by.get((sh, s))
            if r and r["gflops"]:
                xs.append(j - 0.4 + width * (i + 0.5))
                ys.append(r["gflops"])
        ax.bar(xs, ys, width, label=LABEL[s])
    ax.axhline(meta["peak"], color="k", linestyle="--",
               label=f"FP32 FMA peak, {meta['threads']} threads ({meta['peak']:.0f})")
    if any(r["elt"] == "bf16" for r in rows):
        ax.axhline(2 * meta["peak"], color="grey", linestyle=":",
                   label="2x FP32 peak (bf16 dot products, 2 FMAs per lane)")
    ax.set_yscale("log")
    lo = min(r["gflops"] for r in rows if r["gflops"])
    ax.set_ylim(lo / 2, 2 * meta["peak"] * 4)  # room for the legend above the lines
    ax.set_ylabel("GFLOP/s (log)")
    ax.set_xticks(range(len(shapes)))
    ax.set_xticklabels(shapes, rotation=35, ha="right", fontsize=8)
    ax.set_title(f"Attention on {meta['cpu']}, {meta['threads']} threads, B=1, H=8")
    ax.legend(fontsize=8, ncol=3, loc="upper right")
    ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "peers.png"), dpi=110)
