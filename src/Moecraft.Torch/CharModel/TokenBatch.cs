namespace Moecraft.Torch.CharModel;

/// <summary>
/// A batch of character token ids laid out row-major <c>[BatchSize, Context]</c>: each target is the character that
/// follows its input. Plain arrays, so a batch can be built ahead of a step and turned into tensors inside the step's scope.
/// </summary>
public sealed record TokenBatch(int BatchSize, int Context, long[] Inputs, long[] Targets);
