using System.Globalization;
using System.Text.Json.Nodes;
using PesanAI.CloudApiEmulator.Numbers;
using PesanAI.CloudApiEmulator.Webhooks;

namespace PesanAI.CloudApiEmulator.Templates;

/// <summary>Status changes of templates: stored, then told to PesanAI as <c>message_template_status_update</c>.</summary>
internal sealed class TemplateWebhooks(TemplateCatalog catalog, NumberRegistry numbers, WebhookDispatcher dispatcher, EmulatorOptions options, TimeProvider clock)
{
    public MessageTemplate? Change(string id, string status, string reason)
    {
        var template = catalog.SetStatus(id, status, reason);
        if (template is not null)
        {
            var value = new JsonObject
            {
                ["event"] = status,
                ["message_template_id"] = long.Parse(template.Id, CultureInfo.InvariantCulture),
                ["message_template_name"] = template.Name,
                ["message_template_language"] = template.Language,
                ["reason"] = reason,
                ["message_template_category"] = template.Category,
            };
            var body = WebhookEnvelope.Serialize(template.WabaId, "message_template_status_update", value, clock.GetUtcNow().ToUnixTimeSeconds());
            _ = dispatcher.Enqueue(body, SecretOf(template.WabaId));
        }

        return template;
    }

    /// <summary>Review as Meta would, after <see cref="EmulatorOptions.TemplateReviewDelay"/>: always approved.</summary>
    public async Task ReviewAsync(string id)
    {
        if (options.TemplateReviewDelay > TimeSpan.Zero)
        {
            await Task.Delay(options.TemplateReviewDelay, clock);
        }

        Change(id, "APPROVED", "NONE");
    }

    // A WABA's webhooks come from one Meta app: the secret of its first number that has its own, else the default.
    private byte[] SecretOf(string wabaId)
    {
        var number = numbers.InWaba(wabaId).OrderBy(n => n.AppSecret is null).FirstOrDefault();
        return number is null ? System.Text.Encoding.UTF8.GetBytes(options.AppSecret) : numbers.SigningSecret(number);
    }
}
