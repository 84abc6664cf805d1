using Microsoft.Extensions.AI;
using Moecraft.Client;
using Moecraft.Experts;
using Moecraft.Routing;
using Moecraft.Tenants;

namespace Moecraft.Tests.Docs;

/// <summary>
/// The README's C# snippet, compiled with the tests so it cannot go stale: <see cref="ReadmeSnippetTests"/> checks that
/// every line of the README's block appears here in the same order. Never run: it needs a silo.
/// </summary>
internal static class ReadmeSdkSample
{
    public static async Task RunAsync()
    {
        await using var moecraft = await MoecraftClient.ConnectAsync(new MoecraftClientOptions());   // localhost:30000
        var result = await moecraft.AskAsync("Explain top-k routing");
        Console.WriteLine($"{result.Answer.ExpertId}: {result.Answer.Text}");
        var decision = await moecraft.RouteAsync(new float[512]);                                     // routing only (d = 512)
        await moecraft.RegisterExpertAsync(new ExpertDefinition(                                      // and put it on the roster
            "my-gpt", BackendKind.OpenAiCompatible, "gpt-4o-mini", "https://api.openai.com/v1",
            new ExpertPricing(0.15m, 0.60m), ExpertTier.Premium, ["chat"], Simulation: null, ApiKeyVariable: "OPENAI_API_KEY"));

        // Tenants: budget per period, quality target, policy; then requests charged to them, and their bill.
        await moecraft.ConfigureTenantAsync("acme", new TenantSettings(5m, BudgetPeriod.Monthly, 0.8, "cheapest", []));
        var request = new AskRequest(Guid.NewGuid().ToString("n"), "", TenantId: "acme",
            Messages: [ChatTurn.System("Answer in one sentence."), ChatTurn.User("Summarise this ticket")]);
        var answer = await moecraft.AskAsync(request);                                               // answer.Routing: cost, savings, ...
        await moecraft.SendFeedbackAsync(new FeedbackRequest(request.RequestId, "acme", Score: 0.9)); // teaches the gate

        // Moecraft as a Microsoft.Extensions.AI IChatClient / IEmbeddingGenerator (composes with any middleware):
        IChatClient chat = moecraft.AsChatClient(new MoecraftChatClientOptions { TenantId = "acme" });
        var response = await chat.GetResponseAsync("Hello");   // response.AdditionalProperties["moecraft.cost"], ...
        Console.WriteLine($"{decision.Selected[0].ExpertId} {answer.Routing?.Cost} {response.Text}");
    }
}
