using Microsoft.Extensions.Options;
using Moecraft.Api;
using Moecraft.Api.Authentication;
using Moecraft.Hosting;
using Moecraft.Hosting.Configuration;
using Moecraft.Hosting.Health;
using Moecraft.Hosting.Networking;
using Moecraft.OperatorConsole;
using Moecraft.Silo;
using Orleans.Configuration;
using Orleans.Dashboard;

// The Moecraft silo: one node of the cluster. With no configuration it runs a single-node cluster on an
// embedded SQLite file and seeds a router with simulated experts (see README).
// Content root is the app's own folder, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// Default HTTP address unless --urls, ASPNETCORE_URLS or configuration names one (containers use http://+:8080).
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])) builder.WebHost.UseUrls("http://localhost:5080");

var options = builder.Configuration.GetSection(MoecraftSiloOptions.SectionName).Get<MoecraftSiloOptions>() ?? new MoecraftSiloOptions();
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

builder.UseOrleans(silo =>
{
    silo.UseMoecraftClustering(options)
        .AddMoecraft(options)
        .AddActivityPropagation()
        .AddDashboard(o => o.HideTrace = true);
});

builder.AddMoecraftTelemetry(options.NodeName);
builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo");
builder.Services.AddMoecraftApi(builder.Configuration);
// The federation surface speaks for this silo's node (its peer grain lives here).
builder.Services.Configure<Moecraft.Api.Federation.FederationSurfaceOptions>(o => o.NodeName = options.NodeName);

var app = builder.Build();

// Before anything starts: a port another process listens on stops this silo here. Orleans would otherwise listen beside
// it (SO_REUSEPORT on Linux) and the two silos would share connections and break membership.
var endpoints = app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
if (PortProbe.FirstTaken(ListeningPorts.Of(endpoints, app.Configuration[WebHostDefaults.ServerUrlsKey])) is { } taken)
{
    LogPortTaken(app.Logger, PortProbe.Message(taken));
    await app.DisposeAsync(); // flushes the log
    return ExitCodes.PortInUse;
}

app.MapHealthChecks("/health");
app.MapMoecraftApi();
app.MapMoecraftConsole();
// The dashboard shows grain state: an operator's credential, like any cluster-wide read (open local access is one).
app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(MoecraftClaims.AdminPolicy);
app.MapGet("/", () => Results.Redirect(MoecraftConsole.Path + "/")).ExcludeFromDescription();

app.Lifetime.ApplicationStarted.Register(() => LogStarted(app.Logger, options.NodeName, options.Storage.Provider));

await app.RunAsync();
return 0;
