using System.Diagnostics.Metrics;

namespace Digipaja.Web.Observability;

/// <summary>
/// The app's own metrics, beside those of ASP.NET Core and the database drivers: live streams and the PDF print
/// queue. The meter is exported by OpenTelemetry (see <c>ObservabilitySetup</c>); names follow its conventions.
/// </summary>
public static class AppMetrics
{
    public const string MeterName = "Digipaja";

    private static readonly Meter Meter = new(MeterName);

    public static readonly UpDownCounter<long> StreamsOpen = Meter.CreateUpDownCounter<long>(
        "digipaja.live.streams.open", "{stream}", "Live worksheet streams open on this node");

    public static readonly Counter<long> EventsDelivered = Meter.CreateCounter<long>(
        "digipaja.live.events.delivered", "{event}", "Live events written to streams");

    public static readonly Counter<long> StreamsCutOff = Meter.CreateCounter<long>(
        "digipaja.live.streams.cut_off", "{stream}", "Live streams ended by the server: a slow reader cut off, or access revoked");

    public static readonly Counter<long> StreamsRefused = Meter.CreateCounter<long>(
        "digipaja.live.streams.refused", "{stream}", "Live streams refused because the user had as many open as allowed");

    public static readonly UpDownCounter<long> PrintsWaiting = Meter.CreateUpDownCounter<long>(
        "digipaja.print.queue.waiting", "{export}", "Exports waiting for their turn (tag digipaja.queue: pdf, or files for Word and Excel)");

    public static readonly UpDownCounter<long> PrintsRunning = Meter.CreateUpDownCounter<long>(
        "digipaja.print.queue.printing", "{export}", "Exports being made now (tag digipaja.queue)");

    public static readonly Counter<long> PrintsRefused = Meter.CreateCounter<long>(
        "digipaja.print.queue.refused", "{export}", "Export requests refused because the user had as many queued as allowed (tag digipaja.queue)");

    public static readonly Histogram<double> PrintWait = Meter.CreateHistogram<double>(
        "digipaja.print.queue.wait", "s", "Time an export waited in its queue before its turn (tag digipaja.queue)");

    public static readonly Histogram<double> PrintDuration = Meter.CreateHistogram<double>(
        "digipaja.print.duration", "s", "Time an export took from the start of its turn to the end (tag digipaja.queue)");
}
