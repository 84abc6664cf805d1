#!/usr/bin/env python3
"""Builds a GSM8K replay dataset (BENCHMARKS 2 JSONL) from the per-question outputs that Tebmer/Rereading-LLM-Reasoning
publish in results/ (Apache-2.0): each line holds a test question, its target and a model's chain-of-thought answer with
its score. Usage:

    python3 convert.py <cheap results .jsonl> <premium results .jsonl> <cheap name> <premium name> [<out .jsonl>]

Every question both files hold is kept (GSM8K's test set, 1,319), split 70/30 train/test by a hash of its id. Quality is
the published "cot" score (1 when the extracted final answer equals the target, else 0). Tokens are estimated as
characters / 4; latency is not published (0). The response keeps the last 240 characters of the chain of thought up to
its final boxed answer (the conclusion an answer-aware cascade reads), so the file stays small. Each outcome also lists the
same model's answer to the question without the chain-of-thought instruction ("vanilla", also at temperature 0) as a
further sample, cut the same way: the second answer a cascade's consistency check compares."""
import hashlib, json, re, sys

TEST_SHARE, RESPONSE_CHARS = 0.3, 240

def load(path):
    return {int(x["id"]): x for x in map(json.loads, open(path))}

def key(qid, salt):
    return int(hashlib.sha256(f"{salt}:{qid}".encode()).hexdigest()[:12], 16)

def response(text):
    match = None
    for match in re.finditer(r"\\boxed\{[^}]*\}", text): pass
    if match: text = text[: match.end()]
    return text.strip()[-RESPONSE_CHARS:]

def generation(item, style):
    return ((item.get(style) or {}).get("generation") or [""])[0] or ""

def outcome(item, prompt):
    text, vanilla = generation(item, "cot"), generation(item, "vanilla")
    return {"quality": 1 if item["cot"]["score"] else 0, "input_tokens": (len(prompt) + 3) // 4,
            "output_tokens": (len(text) + 3) // 4, "latency_ms": 0, "response": response(text),
            "samples": [{"output_tokens": (len(vanilla) + 3) // 4, "response": response(vanilla)}]}

def main(cheap_path, premium_path, cheap_name, premium_name, out_path="gsm8k.jsonl"):
    cheap, premium = load(cheap_path), load(premium_path)
    with open(out_path, "w") as out:
        for q in sorted(set(cheap) & set(premium)):
            prompt = cheap[q]["input"].strip()
            if prompt != premium[q]["input"].strip(): raise SystemExit(f"question {q} differs between the two files")
            split = "test" if key(q, "split") % 1000 < TEST_SHARE * 1000 else "train"
            line = {"id": f"gsm8k-{q}", "prompt": prompt, "split": split,
                    "outcomes": {cheap_name: outcome(cheap[q], prompt), premium_name: outcome(premium[q], prompt)}}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")

if __name__ == "__main__":
    main(*sys.argv[1:6])
