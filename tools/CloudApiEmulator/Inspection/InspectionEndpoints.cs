using PesanAI.CloudApiEmulator.Media;
using PesanAI.CloudApiEmulator.Messaging;
using PesanAI.CloudApiEmulator.Webhooks;

namespace PesanAI.CloudApiEmulator.Inspection;

/// <summary>What tests and benchmarks read back: accepted sends, counts, and a reset between runs.</summary>
internal static class InspectionEndpoints
{
    public static void MapInspectionEndpoints(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/messages", (string? phone_number_id, string? to, SendLog log) =>
            EmulatorJson.Result(log.Find(phone_number_id, to)));
        admin.MapGet("/reads", (string? phone_number_id, SendLog log) => EmulatorJson.Result(log.Reads(phone_number_id)));
        admin.MapGet("/stats", (SendLog log, WebhookStats webhooks) =>
        {
            var stats = log.Snapshot();
            return EmulatorJson.Result(new { stats.Accepted, stats.Rejected, stats.Duplicates, stats.Faults, Webhooks = webhooks.Snapshot() });
        });

        // Numbers, templates, customers, their windows and the media library stay: a benchmark resets between
        // runs, not its setup. The files sends referenced go with the sends.
        admin.MapPost("/reset", (SendLog log, RateLimits rates, WebhookStats webhooks, MediaLibrary media) =>
        {
            log.Reset();
            media.ResetSent();
            rates.Reset();
            webhooks.Reset();
            return Results.NoContent();
        });
    }
}
