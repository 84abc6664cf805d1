using Microsoft.Extensions.AI;

namespace Moecraft.Experts.Replay;

/// <summary>
/// Where <see cref="BackendKind.Replay"/> experts get their chat client: answers replayed from a dataset loaded into
/// the silo. Registered in the silo's services when a dataset is loaded; <see cref="ExpertBackendFactory"/> wraps
/// what it returns in the same resilience as every other backend.
/// </summary>
public interface IReplayChatClientSource
{
    /// <summary>A chat client that replays the recorded answers for <paramref name="definition"/>.</summary>
    IChatClient Create(ExpertDefinition definition);
}
