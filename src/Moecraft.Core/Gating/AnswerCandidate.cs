namespace Moecraft.Gating;

/// <summary>
/// One expert's answer when several answered one request (k &gt; 1 or shadows, SPEC 4.6): the answer's embedding,
/// the gate's weight for the expert and the predicted quality of its answer.
/// </summary>
public sealed record AnswerCandidate(string ExpertId, float[] Embedding, double Weight, double PredictedQuality);
