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
        admin.MapGet("/stats", (SendLog log, WebhookStats webhooks) =>
        {
            var stats = log.Snapshot();
            return EmulatorJson.Result(new { stats.Accepted, stats.Rejected, stats.Duplicates, stats.Faults, Webhooks = webhooks.Snapshot() });
        });

        // Numbers, templates, customers and their windows stay: a benchmark resets between runs, not its setup.
        admin.MapPost("/reset", (SendLog log, RateLimits rates, WebhookStats webhooks) =>
        {
            log.Reset();
            rates.Reset();
            webhooks.Reset();
            return Results.NoContent();
        });
    }
}
