namespace Moecraft.Silo;

/// <summary>Where OpenTelemetry traces and metrics go: nowhere, the console, or an OTLP collector.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Moecraft:Telemetry";

    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.None;

    /// <summary>OTLP endpoint; when unset the exporter reads OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    public Uri? OtlpEndpoint { get; set; }
}

public enum TelemetryExporter
{
    None,
    Console,
    Otlp,
}
