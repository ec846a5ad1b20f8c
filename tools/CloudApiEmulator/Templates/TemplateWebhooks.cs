using System.Globalization;
using System.Text.Json.Nodes;
using PesanAI.CloudApiEmulator.Numbers;
using PesanAI.CloudApiEmulator.Webhooks;

namespace PesanAI.CloudApiEmulator.Templates;

/// <summary>
/// Changes of templates at "Meta": stored, then told to PesanAI as <c>message_template_status_update</c>,
/// <c>message_template_quality_update</c> or <c>template_category_update</c>.
/// </summary>
internal sealed class TemplateWebhooks(TemplateCatalog catalog, NumberRegistry numbers, WebhookDispatcher dispatcher, EmulatorOptions options, TimeProvider clock)
{
    /// <summary>A status change; <paramref name="extras"/> (<c>other_info</c>, <c>rejection_info</c>, <c>disable_info</c>) go into the value as given.</summary>
    public MessageTemplate? Change(string id, string status, string reason, JsonObject? extras = null)
    {
        var template = catalog.Update(id, t => t with { Status = status, Reason = reason });
        if (template is not null)
        {
            Announce(template, extras);
        }

        return template;
    }

    /// <summary>Tells PesanAI the template's current status, as Meta does once a review has decided.</summary>
    public void Announce(MessageTemplate template, JsonObject? extras = null)
    {
        var value = Identity(template);
        value.Insert(0, "event", template.Status);
        value["reason"] = template.Reason;
        value["message_template_category"] = template.Category;
        foreach (var (key, node) in extras ?? [])
        {
            value[key] = node?.DeepClone();
        }

        Post(template, "message_template_status_update", value);
    }

    public MessageTemplate? Quality(string id, string score)
    {
        var previous = catalog.Get(id)?.QualityScore;
        var template = catalog.Update(id, t => t with { QualityScore = score, QualityDate = clock.GetUtcNow() });
        if (template is not null)
        {
            var value = new JsonObject { ["previous_quality_score"] = previous, ["new_quality_score"] = score };
            foreach (var (key, node) in Identity(template))
            {
                value[key] = node?.DeepClone();
            }

            Post(template, "message_template_quality_update", value);
        }

        return template;
    }

    /// <summary>
    /// A category change. The notice (24 hours ahead) leaves the category as it is and says <c>correct_category</c>
    /// (what it will become) and <c>new_category</c> (what it is now); the change itself says previous and new.
    /// </summary>
    public MessageTemplate? Category(string id, string category, bool notice)
    {
        var before = catalog.Get(id);
        var template = notice ? before : catalog.Update(id, t => t with { Category = category });
        if (template is null)
        {
            return null;
        }

        var value = Identity(template);
        if (notice)
        {
            value["correct_category"] = category;
            value["new_category"] = template.Category;
            value["category_update_timestamp"] = (clock.GetUtcNow() + TimeSpan.FromHours(24)).ToUnixTimeSeconds();
        }
        else
        {
            value["previous_category"] = before!.Category;
            value["new_category"] = category;
        }

        Post(template, "template_category_update", value);
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

    private static JsonObject Identity(MessageTemplate template) => new()
    {
        ["message_template_id"] = long.Parse(template.Id, CultureInfo.InvariantCulture),
        ["message_template_name"] = template.Name,
        ["message_template_language"] = template.Language,
    };

    private void Post(MessageTemplate template, string field, JsonObject value)
    {
        var body = WebhookEnvelope.Serialize(template.WabaId, field, value, clock.GetUtcNow().ToUnixTimeSeconds());
        _ = dispatcher.Enqueue(body, SecretOf(template.WabaId));
    }

    // A WABA's webhooks come from one Meta app: the secret of its first number that has its own, else the default.
    private byte[] SecretOf(string wabaId)
    {
        var number = numbers.InWaba(wabaId).OrderBy(n => n.AppSecret is null).FirstOrDefault();
        return number is null ? System.Text.Encoding.UTF8.GetBytes(options.AppSecret) : numbers.SigningSecret(number);
    }
}
