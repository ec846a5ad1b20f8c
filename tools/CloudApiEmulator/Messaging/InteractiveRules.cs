using System.Text.Json;
using PesanAI.CloudApiEmulator.Graph;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>Meta's limits on interactive reply-button and list messages.</summary>
internal static class InteractiveRules
{
    public static string? Check(JsonElement? interactive)
    {
        if (interactive is not { } message)
        {
            return "interactive object is required";
        }

        var common = TextLength.Check(message.Object("header")?.String("text"), "interactive.header.text", 0, 60)
            ?? TextLength.Check(message.Object("footer")?.String("text"), "interactive.footer.text", 0, 60);
        if (common is not null)
        {
            return common;
        }

        var action = message.Object("action");
        return message.String("type") switch
        {
            "button" => TextLength.Check(message.Object("body")?.String("text"), "interactive.body.text", 1, 1024) ?? Buttons(action),
            "list" => TextLength.Check(message.Object("body")?.String("text"), "interactive.body.text", 1, 4096) ?? List(action),
            var other => $"interactive.type must be button or list (the emulator supports these two); got '{other}'",
        };
    }

    private static string? Buttons(JsonElement? action)
    {
        var buttons = action?.Array("buttons");
        var count = buttons?.GetArrayLength() ?? 0;
        if (count is < 1 or > 3)
        {
            return $"interactive.action.buttons must have 1 to 3 buttons; got {count}";
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var button in buttons!.Value.EnumerateArray())
        {
            var reply = button.Object("reply");
            var problem = button.String("type") != "reply" ? "interactive.action.buttons[].type must be reply"
                : TextLength.Check(reply?.String("title"), "button title", 1, 20)
                ?? TextLength.Check(reply?.String("id"), "button id", 1, 256);
            if (problem is not null)
            {
                return problem;
            }

            if (!ids.Add(reply!.Value.String("id")!))
            {
                return "button ids must be unique";
            }
        }

        return null;
    }

    private static string? List(JsonElement? action)
    {
        var problem = TextLength.Check(action?.String("button"), "interactive.action.button", 1, 20);
        var sections = action?.Array("sections");
        var sectionCount = sections?.GetArrayLength() ?? 0;
        if (problem is not null || sectionCount is < 1 or > 10)
        {
            return problem ?? $"interactive.action.sections must have 1 to 10 sections; got {sectionCount}";
        }

        var rows = sections!.Value.EnumerateArray().SelectMany(s => s.Array("rows")?.EnumerateArray().ToList() ?? []).ToList();
        if (rows.Count is < 1 or > 10)
        {
            return $"a list must have 1 to 10 rows in all sections; got {rows.Count}";
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            problem = TextLength.Check(row.String("title"), "row title", 1, 24)
                ?? TextLength.Check(row.String("description"), "row description", 0, 72)
                ?? TextLength.Check(row.String("id"), "row id", 1, 200)
                ?? (ids.Add(row.String("id")!) ? null : "row ids must be unique");
            if (problem is not null)
            {
                return problem;
            }
        }

        return sectionCount > 1 && sections.Value.EnumerateArray().Any(s => TextLength.Check(s.String("title"), "t", 1, 24) is not null)
            ? "each section needs a title of at most 24 characters when there are several"
            : null;
    }
}
