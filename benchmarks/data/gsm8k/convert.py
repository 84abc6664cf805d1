#!/usr/bin/env python3
"""Builds a replay dataset (BENCHMARKS 2 JSONL) from the per-question outputs that Tebmer/Rereading-LLM-Reasoning
publish in results/ (Apache-2.0), for GSM8K (math word problems) or CommonsenseQA (multiple choice): each line holds a
question, its target and a model's chain-of-thought answer with its score. Usage:

    python3 convert.py gsm8k|commonsenseqa <cheap results .jsonl> <premium results .jsonl> <cheap name> <premium name> [<out .jsonl>]

Every question both files hold is kept (GSM8K's test set, 1,319; CommonsenseQA's validation set, 1,221), split 70/30
train/test by a hash of its id. A CommonsenseQA prompt is the question followed by its lettered answer choices. Quality is
the published "cot" score (1 when the extracted final answer equals the target, else 0). Tokens are estimated as
characters / 4; latency is not published (0). The response keeps the last 240 characters of the chain of thought up to
its final boxed answer (the conclusion an answer-aware cascade reads), so the file stays small. Each outcome also lists the
same model's answer to the question without the chain-of-thought instruction ("vanilla", also at temperature 0) as a
further sample, cut the same way: the second answer a cascade's consistency check compares."""
import hashlib, json, re, sys

TEST_SHARE, RESPONSE_CHARS = 0.3, 240

def load(path):
    return {int(x["id"]): x for x in map(json.loads, open(path))}

def prompt_of(task, item):
    if task == "gsm8k": return item["input"].strip()
    question = item["question"]
    choices = " ".join(f"({c['label']}) {c['text']}" for c in question["choices"])
    return f"{question['stem'].strip()}\nAnswer Choices: {choices}"

def key(qid, salt):
    return int(hashlib.sha256(f"{salt}:{qid}".encode()).hexdigest()[:12], 16)

def response(text):
    # Up to the end of the last \boxed{...}, braces inside it balanced ("\boxed{(C) \text{city}}").
    start = text.rfind("\\boxed{")
    if start >= 0:
        depth, end = 0, None
        for i in range(start + len("\\boxed"), len(text)):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            if depth == 0: end = i + 1; break
        if end: text = text[:end]
    return text.strip()[-RESPONSE_CHARS:]

def generation(item, style):
    return ((item.get(style) or {}).get("generation") or [""])[0] or ""

def outcome(item, prompt):
    text, vanilla = generation(item, "cot"), generation(item, "vanilla")
    return {"quality": 1 if item["cot"]["score"] else 0, "input_tokens": (len(prompt) + 3) // 4,
            "output_tokens": (len(text) + 3) // 4, "latency_ms": 0, "response": response(text),
            "samples": [{"output_tokens": (len(vanilla) + 3) // 4, "response": response(vanilla)}]}

def main(task, cheap_path, premium_path, cheap_name, premium_name, out_path=None):
    if task not in ("gsm8k", "commonsenseqa"): raise SystemExit(f"unknown task {task!r}: use gsm8k or commonsenseqa")
    out_path = out_path or f"{task}.jsonl"
    cheap, premium = load(cheap_path), load(premium_path)
    with open(out_path, "w") as out:
        for q in sorted(set(cheap) & set(premium)):
            prompt = prompt_of(task, cheap[q])
            if prompt != prompt_of(task, premium[q]): raise SystemExit(f"question {q} differs between the two files")
            split = "test" if key(q, "split") % 1000 < TEST_SHARE * 1000 else "train"
            line = {"id": f"{task}-{q}", "prompt": prompt, "split": split,
                    "outcomes": {cheap_name: outcome(cheap[q], prompt), premium_name: outcome(premium[q], prompt)}}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")

if __name__ == "__main__":
    main(*sys.argv[1:7])
