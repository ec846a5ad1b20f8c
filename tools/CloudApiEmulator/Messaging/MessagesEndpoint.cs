using PesanAI.CloudApiEmulator.Faults;
using PesanAI.CloudApiEmulator.Graph;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>The send endpoint over HTTP, with the injected faults around <see cref="SendPipeline"/>.</summary>
internal static class MessagesEndpoint
{
    public static void MapMessagesEndpoint(this IEndpointRouteBuilder graph) => graph.MapPost("/{phoneNumberId}/messages", HandleAsync);

    private static async Task<IResult> HandleAsync(string phoneNumberId, HttpContext context, FaultInjector faults, SendPipeline pipeline, SendLog log)
    {
        var settings = faults.Current;
        var (fault, unavailable) = faults.Draw();
        if (!await PauseAsync(settings.LatencyMs, context.RequestAborted))
        {
            return Results.Empty;
        }

        switch (fault)
        {
            case Fault.Error5xx:
                log.Fault("error_5xx");
                return MetaErrors.ServerError(unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError).ToResult();
            case Fault.DropConnection:
                log.Fault("drop_connection");
                context.Abort();
                return Results.Empty;
        }

        var (answer, error) = await pipeline.RunAsync(phoneNumberId, context.Request, context.RequestAborted);
        if (error is not null)
        {
            log.Reject(error.Code);
            return error.ToResult();
        }

        if (fault == Fault.TimeoutAfterAccept)
        {
            // Accepted and recorded, statuses on their way: the client just never learns it (no idempotency key at Meta).
            log.Fault("timeout_after_accept");
            await PauseAsync(settings.HangMs, context.RequestAborted);
            context.Abort();
            return Results.Empty;
        }

        return EmulatorJson.Result(answer!);
    }

    /// <summary>False when the client went away during the pause.</summary>
    private static async Task<bool> PauseAsync(int milliseconds, CancellationToken aborted)
    {
        try
        {
            if (milliseconds > 0)
            {
                await Task.Delay(milliseconds, aborted);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
