namespace Moecraft.Torch.CharModel;

/// <summary>
/// Parameters of a model: all of them, and those a single token uses (for MoE, the k selected experts of each layer,
/// not all E). Equal for a dense model.
/// </summary>
public sealed record ParameterCount(long Total, long Active)
{
    public override string ToString() => $"{Total:N0} parameters ({Active:N0} active per token)";
}
