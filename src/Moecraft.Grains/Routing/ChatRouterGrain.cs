using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Moecraft.Diagnostics;
using Moecraft.Experts.Embeddings;
using Moecraft.Federation;
using Moecraft.Gating;
using Moecraft.Governance;
using Moecraft.Ledger;
using Moecraft.Requests;
using Moecraft.Tenants;
using Orleans.Concurrency;

namespace Moecraft.Routing;

/// <summary>
/// The request path of SPEC 4 (key: router id). The grain coordinates three plain classes: <see cref="ChatAdmission"/>
/// (validation, tenant, cache, gate, plan, budget reservation), <see cref="ExpertInvoker"/> (invocation with failover
/// before any output; a cascade's escalation by the answer, <see cref="CascadeEscalation"/>) and <see cref="ChatAccounting"/> (settlement, ledger, cache, feedback memory); k &gt; 1 answers are
/// coordinated by <see cref="AnswerCoordination"/>, and <see cref="ShadowSampling"/> feeds the coherence clocks.
/// Requests without a tenant take the open path: no budget, no cache, no ledger line.
/// </summary>
/// <remarks>
/// One activation per silo, reentrant: requests interleave at every await, so a slow expert holds no other request, and a
/// streamed answer's enumerator always finds the activation that started it (with several stateless worker activations a
/// <c>MoveNext</c> could reach another one, which has no record of the enumerator). The plain classes keep per-request
/// data in their arguments, never in fields, so interleaving is safe.
/// </remarks>
[StatelessWorker(1), Reentrant, GrainType("chat-router")]
public sealed partial class ChatRouterGrain(
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    SiloEmbedder embedder,
    ILedger ledger,
    GovernanceCache governance,
    FederationSettings federation,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<ChatRouterGrain> logger) : Grain, IChatRouterGrain
{
    /// <summary>Where requests without a tenant are remembered for feedback.</summary>
    public const string OpenTenant = ChatAccounting.OpenTenant;

    private ChatAdmission? _admission;
    private ExpertInvoker? _invoker;
    private ChatAccounting? _accounting;
    private AnswerCoordination? _coordination;
    private CascadeEscalation? _escalation;
    private ShadowSampling? _shadows;
    private ExpertPriceList? _prices;

    private string RouterId => this.GetPrimaryKeyString();

    private ExpertPriceList Prices => _prices ??= new ExpertPriceList(GrainFactory, time);

    private ChatAdmission Admission => _admission ??= new ChatAdmission(RouterId, GrainFactory, embeddings, governance, federation, silo.Name, Prices, time, logger);

    private ExpertInvoker Invoker => _invoker ??= new ExpertInvoker(RouterId, GrainFactory, embeddings, logger);

    private ChatAccounting Accounting => _accounting ??= new ChatAccounting(RouterId, GrainFactory, ledger, Prices, time, logger);

    private AnswerCoordination Coordination => _coordination ??= new AnswerCoordination(RouterId, embeddings);

    private CascadeEscalation Escalation => _escalation ??= new CascadeEscalation(RouterId, GrainFactory, embeddings, Invoker, logger);

    private ShadowSampling Shadows => _shadows ??= new ShadowSampling(RouterId, GrainFactory, embeddings, logger);

    public async Task<AskResult> Ask(AskRequest request)
    {
        using var activity = StartActivity(request);
        await EnterAsync(request);
        var admitted = await Admission.AdmitAsync(request, answerEscalation: true);
        if (admitted is CachedAdmission cached) return await Accounting.AnswerFromCacheAsync(cached);
        if (admitted is RepeatedAdmission repeated) return await Accounting.AnswerRepeatedAsync(repeated);

        var result = await AnswerAsync((PlannedAdmission)admitted);
        activity?.SetTag("moecraft.expert", result.Answer.ExpertId);
        return result;
    }

    public async IAsyncEnumerable<AskChunk> AskStreaming(AskRequest request)
    {
        using var activity = StartActivity(request);
        var nodeEmbedder = await EnterAsync(request);
        var admitted = await Admission.AdmitAsync(request);
        if (admitted is CachedAdmission or RepeatedAdmission)
        {
            var whole = admitted is CachedAdmission cached
                ? await Accounting.AnswerFromCacheAsync(cached)
                : await Accounting.AnswerRepeatedAsync((RepeatedAdmission)admitted);
            yield return new AskChunk(whole.Answer.Text);
            yield return new AskChunk(null, whole);
            yield break;
        }

        var planned = (PlannedAdmission)admitted;
        if (request.Experts > 1 || planned.Plan.AnswerSamples > 1)
        {
            // Coordination, and a consistency check, need every answer whole: the chosen one is streamed as one piece.
            var coordinated = await AnswerAsync(planned);
            yield return new AskChunk(coordinated.Answer.Text);
            yield return new AskChunk(null, coordinated);
            yield break;
        }

        var pieces = Invoker.StreamAsync(planned).GetAsyncEnumerator();
        try
        {
            while (true)
            {
                StreamedPiece piece;
                try
                {
                    if (!await pieces.MoveNextAsync()) break;
                    piece = pieces.Current;
                }
                catch (Exception ex)
                {
                    // Every expert failed, or one broke off after output: a failed request, never a truncated success.
                    await Accounting.FailAsync(planned, ex);
                    throw;
                }

                if (piece.Delta is { } delta)
                {
                    yield return new AskChunk(delta);
                    continue;
                }
                var chosen = piece.Answer!;
                // Each pull of a stream is a call of its own, with the caller's request context: the cache must know the embedder again.
                EmbedderContext.Set(nodeEmbedder);
                var result = await Accounting.AccountAsync(planned, [chosen], chosen);
                Shadows.MaybeStart(planned, [chosen], chosen);
                activity?.SetTag("moecraft.expert", chosen.Answer.ExpertId);
                yield return new AskChunk(null, result);
            }
        }
        finally
        {
            await pieces.DisposeAsync();
        }
    }

    public async Task<ImmutableArray<float[]>> Embed(ImmutableArray<string> texts)
    {
        if (texts.IsDefaultOrEmpty) throw new ArgumentException("At least one text is needed.", nameof(texts));
        if (texts.Any(t => t is null)) throw new ArgumentException("Texts must not be null.", nameof(texts));
        RequestSize.Require(texts, AskRequestValidator.MaxRequestBytes);
        var generated = await embeddings.GenerateAsync(texts);
        return [.. generated.Select(e => e.Vector.ToArray())];
    }

    /// <summary>Whether a request id is in the shadow sample.</summary>
    public static bool IsShadowed(string requestId) => ShadowSampling.IsShadowed(requestId);

    /// <summary>Invocation, coordination and accounting of an admitted plan; on failure nothing is charged.</summary>
    private async Task<AskResult> AnswerAsync(PlannedAdmission planned)
    {
        try
        {
            var answers = await Invoker.InvokeAsync(planned);
            AnsweredBy chosen;
            if (planned.Plan.EscalatesByAnswer)
            {
                // A cascade that escalates by the answer pays each stage it calls and answers with the last.
                answers = await Escalation.EscalateAsync(planned, answers);
                chosen = answers[^1];
            }
            else
            {
                chosen = await Coordination.ChooseAsync(planned, answers);
            }
            var result = await Accounting.AccountAsync(planned, answers, chosen);
            Shadows.MaybeStart(planned, answers, chosen);
            return WithEveryAnswer(result, answers, chosen);
        }
        catch (Exception ex)
        {
            await Accounting.FailAsync(planned, ex);
            throw;
        }
    }

    // k > 1: the caller sees every answer it paid for, the chosen one first. Only when the result is this attempt's own: a
    // repeated request id gets the first attempt's stored answer, which these answers did not produce.
    private static AskResult WithEveryAnswer(AskResult result, IReadOnlyList<AnsweredBy> answers, AnsweredBy chosen) =>
        answers.Count > 1 && ReferenceEquals(result.Answer, chosen.Answer)
            ? result with { Answers = [chosen.Answer, .. answers.Where(a => a != chosen).Select(a => a.Answer)] }
            : result;

    private Activity? StartActivity(AskRequest request)
    {
        var activity = MoecraftDiagnostics.ActivitySource.StartActivity("moecraft.ask", ActivityKind.Internal);
        activity?.SetTag("moecraft.router", RouterId);
        activity?.SetTag("moecraft.request_id", request?.RequestId);
        activity?.SetTag("moecraft.tenant", request?.TenantId);
        return activity;
    }
}
