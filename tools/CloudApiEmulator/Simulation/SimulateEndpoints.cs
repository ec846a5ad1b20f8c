using PesanAI.CloudApiEmulator.Customers;
using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Media;
using PesanAI.CloudApiEmulator.Numbers;
using PesanAI.CloudApiEmulator.Webhooks;

namespace PesanAI.CloudApiEmulator.Simulation;

/// <summary>
/// Customers writing to a business number: each call posts the webhook to PesanAI right away and answers with
/// PesanAI's HTTP status. A non-2xx answer is also retried in the background, as Meta would.
/// </summary>
internal static class SimulateEndpoints
{
    public static void MapSimulateEndpoints(this IEndpointRouteBuilder admin)
    {
        admin.MapPost("/simulate", SimulateMessageAsync);
        admin.MapPost("/simulate/preferences", SimulatePreferenceAsync);
    }

    private static async Task<IResult> SimulateMessageAsync(
        HttpContext context, NumberRegistry numbers, CustomerBook customers, MediaLibrary library, WebhookDispatcher dispatcher, TimeProvider clock)
    {
        using var document = await GraphRequest.ReadObjectAsync(context.Request, context.RequestAborted);
        if (document?.RootElement is not { } request)
        {
            return Problem("the body must be a JSON object");
        }

        var from = request.String("from");
        var type = request.String("type");
        if (numbers.Find(request.String("phone_number_id") ?? "") is not { } number)
        {
            return Problem("phone_number_id is not a number of the emulator");
        }

        if (string.IsNullOrEmpty(from) && request.String("user_id") is null)
        {
            return Problem("from (the customer's wa_id) or user_id is required");
        }

        if (string.IsNullOrEmpty(type) || (type is not ("request_welcome" or "system") && !request.Has(type) && !request.Has("media")))
        {
            return Problem("type is required, with an object of that name (text: {\"body\": ...}) unless it is request_welcome");
        }

        var (typeObject, media, mediaProblem) = InboundMedia.Prepare(request, type, number, library, MediaHttp.Host(context.Request));
        if (mediaProblem is not null)
        {
            return Problem(mediaProblem);
        }

        // An explicit unix timestamp lets a test place the message in the past (a closed window).
        var at = request.TryGetProperty("timestamp", out var t) && t.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : clock.GetUtcNow();
        var wamid = Ids.Wamid();
        numbers.RecordInbound(number.PhoneNumberId, wamid);
        if (type != "system" && (!string.IsNullOrEmpty(from) || request.String("user_id") is not null))
        {
            // A username customer (no from) opens the window for sends to their user id.
            customers.RecordInbound(number.PhoneNumberId, string.IsNullOrEmpty(from) ? request.String("user_id")! : from, at);
        }

        var body = InboundPayloads.Message(number, request, from ?? "", type, wamid, at, typeObject);
        var attempt = await dispatcher.PostNowAsync(body, numbers.SigningSecret(number), context.RequestAborted);
        return EmulatorJson.Result(new { wamid, webhook_status = attempt.Status, webhook_error = attempt.Error, media_id = media?.Id });
    }

    private static async Task<IResult> SimulatePreferenceAsync(
        PreferenceRequest request, HttpContext context, NumberRegistry numbers, CustomerBook customers, WebhookDispatcher dispatcher, TimeProvider clock)
    {
        if (numbers.Find(request.PhoneNumberId ?? "") is not { } number)
        {
            return Problem("phone_number_id is not a number of the emulator");
        }

        if (string.IsNullOrEmpty(request.WaId) || request.Value is not ("stop" or "resume"))
        {
            return Problem("wa_id and value (stop or resume) are required");
        }

        customers.StopMarketing(request.WaId, request.Value == "stop");
        var body = InboundPayloads.Preference(number, request.WaId, request.ProfileName, request.Value, clock.GetUtcNow());
        var attempt = await dispatcher.PostNowAsync(body, numbers.SigningSecret(number), context.RequestAborted);
        return EmulatorJson.Result(new { webhook_status = attempt.Status, webhook_error = attempt.Error });
    }

    private static IResult Problem(string error) => Results.BadRequest(new { error });

    private sealed record PreferenceRequest(string? PhoneNumberId, string? WaId, string? Value, string? ProfileName);
}
