using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>Keeps one answered request for later feedback; persisted so feedback still works after the silo restarts.</summary>
[GrainType("answered-request")]
public sealed class AnsweredRequestGrain(
    [PersistentState("answered-request", MoecraftStorage.Name)] IPersistentState<AnsweredRequestState> state) : Grain, IAnsweredRequestGrain
{
    public async Task Remember(AnsweredRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Request ids are unique per tenant: a second, different request under the same id would corrupt feedback.
        if (state.State.Request is { } known && (known.RouterId != request.RouterId || known.Prompt != request.Prompt))
            throw new InvalidOperationException($"Request '{this.GetPrimaryKeyString()}' was already answered; request ids must be unique per tenant.");
        state.State.Request = request;
        await state.WriteStateAsync();
    }

    public Task<AnsweredRequest?> Recall() => Task.FromResult(state.State.Request);
}
