#!/usr/bin/env python3
"""Builds the MMLU-Pro replay datasets (BENCHMARKS 2 JSONL) from TIGER-AI-Lab/MMLU-Pro's published per-question model
outputs (eval_results/model_outputs_<model>_5shots.zip, Apache-2.0). Usage:

    python3 convert.py <cheap outputs .json> <premium outputs .json> [<knowledge items> <math items> <suffix> [<cheap name> <premium name>]]

The expert names default to llama-3.1-8b and llama-3.1-70b (the files this folder was first built from).

Writes knowledge<suffix>.jsonl (every category but math) and math<suffix>.jsonl (the math category), 1,000 items each by
default, drawn and split 70/30 train/test by a hash of the question id, so the selection is reproducible and independent
of file order. A larger file holds the smaller one's items with the same split (the draw takes the first n items in the
order of the hash), so `convert.py a.json b.json 4000 1351 -large` writes supersets of the default files.
Quality is 1 when the model's extracted answer ("pred") equals the key, else 0. Tokens are estimated as characters / 4
(prompt: question and options; output: the whole generated text); latency is not published (0). The response keeps the
last 240 characters of the generated text up to its first "The answer is" sentence (the conclusion an answer-aware
cascade reads), so the files stay small."""
import hashlib, json, re, sys

CHEAP, PREMIUM = "llama-3.1-8b", "llama-3.1-70b"
PER_FILE, TEST_SHARE, RESPONSE_CHARS = 1000, 0.3, 240

def load(path):
    return {str(x["question_id"]): x for x in json.load(open(path))}

def key(qid, salt):
    return int(hashlib.sha256(f"{salt}:{qid}".encode()).hexdigest()[:12], 16)

def prompt(item):
    options = item["options"] if isinstance(item["options"], list) else json.loads(item["options"].replace("'", '"'))
    letters = "ABCDEFGHIJ"
    return item["question"].strip() + "\n" + "\n".join(f"{letters[i]}) {o}" for i, o in enumerate(options))

def response(text):
    text = text or ""
    match = re.search(r"answer is \(?[A-J]\)?\.?", text)
    if match: text = text[: match.end()]
    return text.strip()[-RESPONSE_CHARS:]

def outcome(item, prompt_text):
    # Older outputs name the generated text "generated_text", later ones "model_outputs".
    text = item.get("generated_text") or item.get("model_outputs") or ""
    return {"quality": 1 if item.get("pred") == item["answer"] else 0, "input_tokens": (len(prompt_text) + 3) // 4,
            "output_tokens": (len(text) + 3) // 4, "latency_ms": 0, "response": response(text)}

def main(cheap_path, premium_path, knowledge_items=PER_FILE, math_items=PER_FILE, suffix="", cheap_name=CHEAP, premium_name=PREMIUM):
    cheap, premium = load(cheap_path), load(premium_path)
    common = sorted(set(cheap) & set(premium), key=lambda q: key(q, "select"))
    for name, wanted, count in (("knowledge", lambda c: c != "math", int(knowledge_items)), ("math", lambda c: c == "math", int(math_items))):
        chosen = [q for q in common if wanted(cheap[q]["category"])][:count]
        with open(f"{name}{suffix}.jsonl", "w") as out:
            for q in sorted(chosen, key=int):
                text = prompt(cheap[q])
                split = "test" if key(q, "split") % 1000 < TEST_SHARE * 1000 else "train"
                line = {"id": f"mmlu-pro-{q}", "prompt": text, "split": split,
                        "outcomes": {cheap_name: outcome(cheap[q], text), premium_name: outcome(premium[q], text)}}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")

if __name__ == "__main__":
    main(*sys.argv[1:8])
