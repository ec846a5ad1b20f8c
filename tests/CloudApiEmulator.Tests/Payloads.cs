using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Tests;

/// <summary>Send bodies as PesanAI would post them.</summary>
internal static class Payloads
{
    public static string Text(string to, string body, string? callbackData = null)
    {
        var json = Message(to, "text", new JsonObject { ["body"] = body });
        if (callbackData is not null)
        {
            json["biz_opaque_callback_data"] = callbackData;
        }

        return json.ToJsonString();
    }

    public static JsonObject Message(string to, string type, JsonNode content) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["recipient_type"] = "individual",
        ["to"] = to,
        ["type"] = type,
        [type] = content,
    };

    public static string Template(string to, string name, string language, int bodyParameters = 0) =>
        Message(to, "template", new JsonObject
        {
            ["name"] = name,
            ["language"] = new JsonObject { ["code"] = language },
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray([.. Enumerable.Range(1, bodyParameters).Select(i => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = $"p{i}" })]),
            }),
        }).ToJsonString();

    public static JsonObject Buttons(int count, int titleLength = 5, int idLength = 5, int bodyLength = 10, bool duplicateIds = false) => new()
    {
        ["type"] = "button",
        ["body"] = new JsonObject { ["text"] = new string('b', bodyLength) },
        ["action"] = new JsonObject
        {
            ["buttons"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
            {
                ["type"] = "reply",
                ["reply"] = new JsonObject
                {
                    ["id"] = duplicateIds ? new string('i', idLength) : i + new string('i', idLength - 1),
                    ["title"] = i + new string('t', titleLength - 1),
                },
            })]),
        },
    };

    public static JsonObject List(int sections, int rowsPerSection, int titleLength = 5, int descriptionLength = 5, int buttonLength = 5) => new()
    {
        ["type"] = "list",
        ["body"] = new JsonObject { ["text"] = "Pick one" },
        ["action"] = new JsonObject
        {
            ["button"] = new string('B', buttonLength),
            ["sections"] = new JsonArray([.. Enumerable.Range(0, sections).Select(s => (JsonNode)new JsonObject
            {
                ["title"] = $"Section {s}",
                ["rows"] = new JsonArray([.. Enumerable.Range(0, rowsPerSection).Select(r => (JsonNode)new JsonObject
                {
                    ["id"] = $"row-{s}-{r}",
                    ["title"] = (r % 10) + new string('t', titleLength - 1),
                    ["description"] = new string('d', descriptionLength),
                })]),
            })]),
        },
    };
}
