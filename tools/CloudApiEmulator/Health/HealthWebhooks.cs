using System.Text.Json.Nodes;
using PesanAI.CloudApiEmulator.Numbers;
using PesanAI.CloudApiEmulator.Webhooks;

namespace PesanAI.CloudApiEmulator.Health;

/// <summary>Posts the number-health webhooks now (answering with PesanAI's status), signed with the WABA's app secret.</summary>
internal sealed class HealthWebhooks(NumberRegistry numbers, WebhookDispatcher dispatcher, EmulatorOptions options, TimeProvider clock)
{
    public Task<WebhookAttempt> PostAsync(string wabaId, string field, JsonObject value, CancellationToken cancellationToken)
    {
        var body = WebhookEnvelope.Serialize(wabaId, field, value, clock.GetUtcNow().ToUnixTimeSeconds());
        return dispatcher.PostNowAsync(body, SecretOf(wabaId), cancellationToken);
    }

    // A WABA's webhooks come from one Meta app: the secret of its first number that has its own, else the default.
    private byte[] SecretOf(string wabaId)
    {
        var number = numbers.InWaba(wabaId).OrderBy(n => n.AppSecret is null).FirstOrDefault();
        return number is null ? System.Text.Encoding.UTF8.GetBytes(options.AppSecret) : numbers.SigningSecret(number);
    }
}
