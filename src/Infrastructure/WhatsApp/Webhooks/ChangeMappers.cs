using System.Text.Json;
using PesanAI.Application.Inbound;
using PesanAI.Application.Templates;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>The values of the <c>user_preferences</c> and <c>message_template_status_update</c> fields.</summary>
internal static class ChangeMappers
{
    /// <summary>
    /// <c>value.user_preferences[] {wa_id, user_id?, detail, category, value, timestamp}</c>; the timestamp
    /// is a number here, unlike in messages.
    /// </summary>
    public static CustomerPreference? UserPreference(JsonElement element, string path, CustomerLookup contacts, ParseProblems problems)
    {
        if (!JsonItems.TryRead(element, WebhookJsonContext.Default.UserPreferenceDto, out var preference, out var reason))
        {
            problems.Add(path, reason);
            return null;
        }

        if (preference.Category is null || preference.Value is null)
        {
            problems.Add(path, "category or value is missing");
            return null;
        }

        if (!JsonItems.TryUnixTime(preference.Timestamp, out var at))
        {
            problems.Add(path, "timestamp is missing or not unix seconds");
            return null;
        }

        var (customer, _) = contacts.Resolve(preference.WaId, preference.UserId);
        if (!customer.IsKnown)
        {
            problems.Add(path, "neither wa_id nor user_id is given");
            return null;
        }

        return new CustomerPreference(customer, preference.Category, preference.Value, preference.Detail, at);
    }

    /// <summary>
    /// A template webhook: a status update (its <c>event</c>), a quality update (event <c>QUALITY_UPDATE</c>, the new
    /// score) or a category update (event <c>CATEGORY_UPDATE</c>, the categories and when).
    /// </summary>
    public static TemplateStatusReport? TemplateStatus(string field, string wabaId, JsonElement value, string path, ParseProblems problems)
    {
        if (!JsonItems.TryRead(value, WebhookJsonContext.Default.TemplateStatusDto, out var template, out var reason))
        {
            problems.Add(path, reason);
            return null;
        }

        template = field switch
        {
            "message_template_quality_update" => template with { Event = TemplateStatusReport.QualityUpdate },
            "template_category_update" => template with { Event = TemplateStatusReport.CategoryUpdate },
            _ => template,
        };
        if (template.Event is null)
        {
            problems.Add(path, "event is missing");
            return null;
        }

        DateTimeOffset? categoryChangeAt = null;
        if (template.CategoryUpdateTimestamp is { } stamp)
        {
            if (JsonItems.TryUnixTime(stamp, out var at))
            {
                categoryChangeAt = at;
            }
            else
            {
                problems.Add($"{path}.category_update_timestamp", "not unix seconds");
            }
        }

        DateTimeOffset? disabledAt = null;
        if (template.DisableInfo?.DisableDate is { } disableDate)
        {
            if (JsonItems.TryUnixTime(disableDate, out var at))
            {
                disabledAt = at;
            }
            else
            {
                problems.Add($"{path}.disable_info.disable_date", "not unix seconds");
            }
        }

        return new TemplateStatusReport(
            wabaId, template.Event, template.MessageTemplateId, template.MessageTemplateName, template.MessageTemplateLanguage, template.Reason, template.MessageTemplateCategory)
        {
            DisabledAt = disabledAt,
            InfoTitle = template.OtherInfo?.Title,
            InfoDescription = template.OtherInfo?.Description,
            RejectionDetail = template.RejectionInfo?.Reason,
            Recommendation = template.RejectionInfo?.Recommendation,
            NewQuality = template.NewQualityScore,
            NewCategory = template.NewCategory,
            CorrectCategory = template.CorrectCategory,
            CategoryChangeAt = categoryChangeAt,
        };
    }
}
