using System.Text;
using PesanAI.Domain.Conversations;
using PesanAI.Infrastructure.WhatsApp.Webhooks;

namespace PesanAI.Infrastructure.UnitTests.Webhooks;

/// <summary>The JSON fixtures (built from Meta's documented webhook examples) and the values they share.</summary>
internal static class Fixtures
{
    public const string WabaId = "102290129340398";
    public const string PhoneNumberId = "106540352242922";
    public const string DisplayPhoneNumber = "15550783881";
    public const string CustomerWaId = "16505551234";
    public const string Wamid = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=";
    public const string ContextWamid = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QkFGRUJCODM1RjU5QzY4RUYA";
    public const string OutboundWamid = "wamid.HBgLMTY1MDUxMDc1NTUVAgARGBI3RTFCNzA4RjA0MjM2OUJDMzEA";
    public const string Sha256 = "SfInY0gXOsBHHm/sJJKvxC6OEzvD5ivfXv6gbT7DBzg=";
    public const string BusinessUserId = "ID.9876543210987654321";

    public static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1739321024);

    public static readonly CustomerIdentity Sheena = new(CustomerWaId, null, "Sheena Nelson");

    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Webhooks", "Fixtures");

    public static IReadOnlyList<string> Names { get; } =
        [.. Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).Cast<string>()];

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name + ".json"));

    public static string Text(string name) => Encoding.UTF8.GetString(Bytes(name));

    public static ParsedWebhook Parse(byte[] body)
    {
        Assert.True(WebhookPayload.TryParse(body, out var result, out var error), error);
        Assert.Null(error);
        return result;
    }

    /// <summary>A fixture that parses without problems into one change of PesanAI's usual number.</summary>
    public static WebhookChange SingleChange(string name, string field = "messages")
    {
        var parsed = Parse(Bytes(name));
        Assert.Empty(parsed.Problems);
        var change = Assert.Single(parsed.Changes);
        Assert.Equal((field, WabaId), (change.Field, change.WabaId));
        return change;
    }

    /// <summary>A fixture whose one change carries exactly one message and nothing else.</summary>
    public static WebhookMessage SingleMessage(string name)
    {
        var change = SingleChange(name);
        Assert.Equal((PhoneNumberId, DisplayPhoneNumber), (change.PhoneNumberId, change.DisplayPhoneNumber));
        Assert.Empty(change.Statuses);
        Assert.Empty(change.Errors);
        Assert.Empty(change.UserPreferences);
        Assert.Null(change.TemplateStatus);
        Assert.Null(change.Unhandled);
        return Assert.Single(change.Messages);
    }

    public static WebhookMessage SingleMessage(string name, MessageContent expectedContent, MessageContext? context = null, AdReferral? referral = null)
    {
        var message = SingleMessage(name);
        Assert.Equal(new InboundMessage(Wamid, Sheena, expectedContent, context, referral, SentAt), message.Message);
        Assert.Empty(message.Errors);
        Assert.Null(message.Username);
        return message;
    }
}
