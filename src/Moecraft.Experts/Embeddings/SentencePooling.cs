namespace Moecraft.Experts.Embeddings;

/// <summary>How a sentence model's per-token vectors become one sentence vector.</summary>
public enum SentencePooling
{
    /// <summary>The mean over the tokens (sentence-transformers' all-MiniLM-L6-v2).</summary>
    Mean,

    /// <summary>The first token's vector, [CLS] (snowflake-arctic-embed).</summary>
    Cls,
}
