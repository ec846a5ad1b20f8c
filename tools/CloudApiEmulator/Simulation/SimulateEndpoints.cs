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
        admin.MapPost("/simulate/user-id-change", SimulateUserIdChangeAsync);
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
        if (type != "system")
        {
            // The window opens for sends to either name Meta gave: the wa_id, the user id, or both (one customer).
            foreach (var name in new[] { from, request.String("user_id") }.Where(n => !string.IsNullOrEmpty(n)))
            {
                customers.RecordInbound(number.PhoneNumberId, name!, at);
            }
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

    /// <summary>
    /// A customer's business-scoped user id changed (Meta issues a new one when the phone number changes): Meta's
    /// <c>system</c> message <c>user_changed_user_id</c>, named by the old id, without contacts. The customer's open
    /// windows carry over to the new id.
    /// </summary>
    private static async Task<IResult> SimulateUserIdChangeAsync(
        UserIdChangeRequest request, HttpContext context, NumberRegistry numbers, CustomerBook customers, WebhookDispatcher dispatcher, TimeProvider clock)
    {
        if (numbers.Find(request.PhoneNumberId ?? "") is not { } number)
        {
            return Problem("phone_number_id is not a number of the emulator");
        }

        if (string.IsNullOrEmpty(request.PreviousUserId) || string.IsNullOrEmpty(request.UserId) || request.PreviousUserId == request.UserId)
        {
            return Problem("previous_user_id and user_id (a different one) are required");
        }

        customers.ChangeUserId(request.PreviousUserId, request.UserId);
        var wamid = Ids.Wamid();
        numbers.RecordInbound(number.PhoneNumberId, wamid);
        var body = InboundPayloads.UserIdChange(number, request.PreviousUserId, request.UserId, request.WaId, request.ProfileName, wamid, clock.GetUtcNow());
        var attempt = await dispatcher.PostNowAsync(body, numbers.SigningSecret(number), context.RequestAborted);
        return EmulatorJson.Result(new { wamid, webhook_status = attempt.Status, webhook_error = attempt.Error });
    }

    private static IResult Problem(string error) => Results.BadRequest(new { error });

    private sealed record UserIdChangeRequest(string? PhoneNumberId, string? PreviousUserId, string? UserId, string? WaId, string? ProfileName);

    private sealed record PreferenceRequest(string? PhoneNumberId, string? WaId, string? Value, string? ProfileName);
}
