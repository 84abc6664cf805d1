using Microsoft.Extensions.AI;
using Moecraft.Experts;
using Moecraft.Experts.Replay;

namespace Moecraft.Hosting;

/// <summary>Replay experts answer from the silo's loaded dataset, as the recorded expert named by the definition's model.</summary>
public sealed class ReplayDatasetSource(ReplayDataset dataset) : IReplayChatClientSource
{
    public IChatClient Create(ExpertDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!dataset.Experts.Contains(definition.Model))
            throw new ArgumentException($"The replay dataset has no expert '{definition.Model}' (it has {string.Join(", ", dataset.Experts)}).", nameof(definition));
        return new ReplayChatClient(definition.Model, dataset);
    }
}
