using System.CommandLine;
using Moecraft.Cli;
using Moecraft.Cli.Commands;

// moecraft: inspect a Moecraft cluster and route prompts through it.
//   moecraft status                     silos and the default router's shape
//   moecraft experts [--router id]      the roster with prices and usage
//   moecraft route <prompt...> [-n N]   ask prompts and show each routing decision
//   moecraft ask <prompt> [--tenant t]  one prompt through the full request path, with routing metadata
//   moecraft cost --tenant t            a tenant's cost, savings, budget and latest routing decisions
//   moecraft tenants [list|create|set]  tenants: budget, period, policy, keys; create and change them
//   moecraft keys --tenant t [list|create|revoke]   a tenant's API keys; 'keys create' shows the new key once
//   moecraft health [--router id]       coherence, clocks, load, bias and free energy of a router layer
//   moecraft lifecycle [--apply id]     recorded lifecycle decisions; apply a proposed one
//   moecraft embedder [--router id]     the embedder a router was made with beside this node's; 'embedder migrate' moves it
//   moecraft keepers [--router id]      temporal keepers: clocks, epochs, budgets, identity events; --commit / --compensate
//   moecraft policy [--history]         the governance policy and kill switch; 'policy set --lifecycle apply-prune ...'
//   moecraft halt --reason "..."        every router refuses new work until 'moecraft resume'
//   moecraft resume                     lift the halt
//   moecraft journal [--day d] [--node] the day's notable events
//   moecraft peers [--node n]           federation peers (tier, liveness, heartbeats) and each node's sync clock
//   moecraft peers discover | tier <peer> <CORE|SANDBOX|EXTERNAL|UNKNOWN> | sync <peer> | resolve <key>   [--node n]
//   moecraft audit verify [--log id] [--file path] [--node id,...]   verify an audit log, live or exported
//   moecraft audit export [--log id] --out path                      verify, then export an audit log as sealed JSON lines
// Exit codes: 0 success, 1 rejected by the cluster, 2 usage error, 3 cluster unreachable, 4 audit log tampered,
// 5 audit log truncated or export cut, 6 audit signature bad or untrusted, 7 audit log empty or unknown, 130 cancelled.
var root = new RootCommand("Inspect a Moecraft mixture-of-experts cluster and route prompts through it.")
{
    StatusCommand.Create(),
    ExpertsCommand.Create(),
    RouteCommand.Create(),
    AskCommand.Create(),
    CostCommand.Create(),
    TenantsCommand.Create(),
    KeysCommand.Create(),
    HealthCommand.Create(),
    LifecycleCommand.Create(),
    EmbedderCommand.Create(),
    KeepersCommand.Create(),
    PolicyCommand.Create(),
    HaltCommand.Create(),
    ResumeCommand.Create(),
    JournalCommand.Create(),
    PeersCommand.Create(),
    AuditCommand.Create(),
};
GlobalOptions.AddTo(root);

ParseResult parseResult;
try
{
    parseResult = root.Parse(args);
}
catch (InvalidOperationException ex)
{
    // A check that read a value which did not parse: still the user's words that are wrong, so a usage error, not a crash.
    return UsageErrors.Report(ex.Message);
}
if (parseResult.Errors.Count > 0) return UsageErrors.Report(parseResult);

return await parseResult.InvokeAsync();
