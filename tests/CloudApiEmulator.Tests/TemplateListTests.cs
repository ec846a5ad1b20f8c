using System.Net;
using System.Text.Json;

namespace PesanAI.CloudApiEmulator.Tests;

public sealed class TemplateListTests
{
    [Fact]
    public async Task Thirty_templates_come_in_two_pages_of_25_and_5_following_paging_next()
    {
        await using var emulator = await TestEmulator.StartAsync();
        for (var i = 0; i < 30; i++)
        {
            await TemplateAdmin.CreateApprovedAsync(emulator, $"tpl_{i:00}");
        }

        var (_, first) = await TemplateAdmin.ListAsync(emulator);
        var next = first.GetProperty("paging").GetProperty("next").GetString()!;
        var (_, second) = await TemplateAdmin.ListAsync(emulator, new Uri(next).Query);

        Assert.Equal(25, first.GetProperty("data").GetArrayLength());
        Assert.Equal(first.GetProperty("paging").GetProperty("cursors").GetProperty("after").GetString(), System.Web.HttpUtility.ParseQueryString(new Uri(next).Query)["after"]);
        Assert.StartsWith(emulator.Client.BaseAddress!.ToString().TrimEnd('/') + $"/v21.0/{TestEmulator.WabaId}/message_templates?", next, StringComparison.Ordinal);
        Assert.Equal(5, second.GetProperty("data").GetArrayLength());
        Assert.False(second.GetProperty("paging").TryGetProperty("next", out _));
        Assert.True(second.GetProperty("paging").GetProperty("cursors").TryGetProperty("before", out _));
        var names = first.GetProperty("data").EnumerateArray().Concat(second.GetProperty("data").EnumerateArray()).Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"tpl_{i:00}"), names);
    }

    [Fact]
    public async Task Limit_and_after_page_by_hand_and_a_last_page_has_no_next()
    {
        await using var emulator = await TestEmulator.StartAsync();
        for (var i = 0; i < 4; i++)
        {
            await TemplateAdmin.CreateApprovedAsync(emulator, $"t{i}");
        }

        var (_, first) = await TemplateAdmin.ListAsync(emulator, "?limit=3");
        var after = first.GetProperty("paging").GetProperty("cursors").GetProperty("after").GetString();
        var (_, rest) = await TemplateAdmin.ListAsync(emulator, $"?limit=3&after={after}");
        var (_, exact) = await TemplateAdmin.ListAsync(emulator, "?limit=4");
        var (badLimit, _) = await TemplateAdmin.ListAsync(emulator, "?limit=0");
        var (badCursor, _) = await TemplateAdmin.ListAsync(emulator, "?after=nonsense");

        Assert.Equal(3, first.GetProperty("data").GetArrayLength());
        Assert.Equal("t3", rest.GetProperty("data").EnumerateArray().Single().GetProperty("name").GetString());
        Assert.False(exact.GetProperty("paging").TryGetProperty("next", out _));
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
    }

    [Fact]
    public async Task Name_status_language_and_category_filter_and_the_token_is_checked()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await TemplateAdmin.CreateApprovedAsync(emulator, "order_shipped", language: "en");
        await TemplateAdmin.CreateApprovedAsync(emulator, "order_shipped", language: "id");
        await TemplateAdmin.CreateApprovedAsync(emulator, "promo", category: "MARKETING", extra: b => b["status"] = "PAUSED");

        static IEnumerable<string> Names(JsonElement list) =>
            list.GetProperty("data").EnumerateArray().Select(t => $"{t.GetProperty("name").GetString()}/{t.GetProperty("language").GetString()}");
        var (_, byName) = await TemplateAdmin.ListAsync(emulator, "?name=order");
        var (_, byStatus) = await TemplateAdmin.ListAsync(emulator, "?status=PAUSED");
        var (_, byLanguage) = await TemplateAdmin.ListAsync(emulator, "?language=id");
        var (_, byCategory) = await TemplateAdmin.ListAsync(emulator, "?category=UTILITY&status=APPROVED");
        var (_, none) = await TemplateAdmin.ListAsync(emulator, "?name=nothing");
        var (denied, _) = await TemplateAdmin.ListAsync(emulator, token: "EAAGwrong");

        Assert.Equal(["order_shipped/en", "order_shipped/id"], Names(byName));
        Assert.Equal(["promo/en"], Names(byStatus));
        Assert.Equal(["order_shipped/id"], Names(byLanguage));
        Assert.Equal(["order_shipped/en", "order_shipped/id"], Names(byCategory));
        Assert.Empty(Names(none));
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
    }
}
