using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Tests;

public sealed class WindowAndRateTests
{
    [Fact]
    public async Task Customer_who_never_wrote_is_131047_and_writing_opens_the_window()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var closed = await emulator.SendTextAsync("6281200000003");
        await emulator.SimulateTextAsync("6281200000003");
        using var open = await emulator.SendTextAsync("6281200000003");

        Assert.Equal(131047, await TestEmulator.ErrorCodeAsync(closed));
        await TestEmulator.AcceptedWamidAsync(open);
    }

    [Fact]
    public async Task Window_closes_24_hours_after_the_customers_last_message()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var now = DateTimeOffset.UtcNow;
        await emulator.SimulateTextAsync("6281200000004", (now - TimeSpan.FromHours(25)).ToUnixTimeSeconds());
        await emulator.SimulateTextAsync("6281200000005", (now - TimeSpan.FromHours(23)).ToUnixTimeSeconds());

        using var expired = await emulator.SendTextAsync("6281200000004");
        using var stillOpen = await emulator.SendTextAsync("6281200000005");

        Assert.Equal(131047, await TestEmulator.ErrorCodeAsync(expired));
        await TestEmulator.AcceptedWamidAsync(stillOpen);
    }

    [Fact]
    public async Task Number_throughput_beyond_its_rate_is_130429()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var created = await emulator.Client.PostAsJsonAsync("/_emulator/numbers", new { throughput_per_second = 1 });
        var number = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = number.GetProperty("phone_number_id").GetString()!;
        var token = number.GetProperty("access_token").GetString()!;
        Assert.StartsWith("EAAG", token, StringComparison.Ordinal);
        await emulator.SimulateAsync(new() { ["phone_number_id"] = id, ["from"] = "6281200000006", ["type"] = "text", ["text"] = new JsonObject { ["body"] = "a" } });
        await emulator.SimulateAsync(new() { ["phone_number_id"] = id, ["from"] = "6281200000007", ["type"] = "text", ["text"] = new JsonObject { ["body"] = "b" } });

        // Two different customers, so only the number's rate (1/s, burst 1) can refuse the second.
        using var first = await emulator.SendAsync(Payloads.Text("6281200000006", "x"), token, id);
        using var second = await emulator.SendAsync(Payloads.Text("6281200000007", "x"), token, id);

        await TestEmulator.AcceptedWamidAsync(first);
        Assert.Equal(130429, await TestEmulator.ErrorCodeAsync(second));
    }

    [Fact]
    public async Task Pair_rate_allows_a_burst_then_is_131056_for_that_customer_only()
    {
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.PairBurst = 2;
            o.PairInterval = TimeSpan.FromMinutes(1);
        });
        await emulator.SimulateTextAsync("6281200000008");
        await emulator.SimulateTextAsync("6281200000009");

        using var first = await emulator.SendTextAsync("6281200000008");
        using var second = await emulator.SendTextAsync("6281200000008");
        using var third = await emulator.SendTextAsync("6281200000008");
        using var otherCustomer = await emulator.SendTextAsync("6281200000009");

        await TestEmulator.AcceptedWamidAsync(first);
        await TestEmulator.AcceptedWamidAsync(second);
        Assert.Equal(131056, await TestEmulator.ErrorCodeAsync(third));
        await TestEmulator.AcceptedWamidAsync(otherCustomer);
        var stats = await emulator.GetJsonAsync("/_emulator/stats");
        Assert.Equal(1, stats.GetProperty("rejected").GetProperty("131056").GetInt32());
    }
}
