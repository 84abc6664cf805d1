using Microsoft.Extensions.AI;
using Moecraft.Experts.Simulated;

namespace Moecraft.Experts;

/// <summary>Builds the <see cref="IChatClient"/> that answers for an expert definition.</summary>
public sealed class ExpertBackendFactory(TimeProvider timeProvider)
{
    public IChatClient Create(ExpertDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Backend switch
        {
            BackendKind.Simulated => new SimulatedChatClient(definition.Model, definition.Simulation ?? SimulationSettings.Default, timeProvider),
            _ => throw new ArgumentException($"Backend '{definition.Backend}' is not supported.", nameof(definition)),
        };
    }
}
