using Moecraft.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Moecraft.Silo;

/// <summary>OpenTelemetry: Orleans' meter and activity sources plus Moecraft's own, exported as configured.</summary>
public static class TelemetryExtensions
{
    public static IHostApplicationBuilder AddMoecraftTelemetry(this IHostApplicationBuilder builder, string nodeName)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("moecraft-silo", serviceInstanceId: nodeName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.Orleans", MoecraftDiagnostics.SourceName).AddAspNetCoreInstrumentation();
                switch (options.Exporter)
                {
                    case TelemetryExporter.Console: metrics.AddConsoleExporter(); break;
                    case TelemetryExporter.Otlp: metrics.AddOtlpExporter(o => { if (options.OtlpEndpoint is { } e) o.Endpoint = e; }); break;
                }
            });
        // Traces only when they go somewhere: a listening tracer makes every HTTP request and grain call build an activity,
        // which with no exporter nothing would read.
        if (options.Exporter == TelemetryExporter.None) return builder;
        telemetry.WithTracing(tracing =>
        {
            tracing.AddSource("Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Lifecycle",
                    "Microsoft.Orleans.Storage", MoecraftDiagnostics.SourceName)
                .AddAspNetCoreInstrumentation();
            if (options.Exporter == TelemetryExporter.Console) tracing.AddConsoleExporter();
            else tracing.AddOtlpExporter(o => { if (options.OtlpEndpoint is { } e) o.Endpoint = e; });
        });
        return builder;
    }
}
