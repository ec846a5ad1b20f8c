using System.Diagnostics;
using System.Net.Http.Json;

namespace PesanAI.CloudApiEmulator.Tests;

public sealed class FaultTests
{
    private const string Customer = "6281200000040";

    [Fact]
    public async Task Error_5xx_answers_500_or_503_without_accepting()
    {
        await using var emulator = await StartWithFaultsAsync(new { error_5xx_ratio = 1.0 });

        using var response = await emulator.SendTextAsync(Customer);

        Assert.Contains((int)response.StatusCode, new[] { 500, 503 });
        await AssertAcceptedAsync(emulator, 0);
    }

    [Fact]
    public async Task Drop_connection_aborts_without_accepting()
    {
        await using var emulator = await StartWithFaultsAsync(new { drop_connection_ratio = 1.0 });

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.SendTextAsync(Customer));

        await AssertAcceptedAsync(emulator, 0);
    }

    [Fact]
    public async Task Timeout_after_accept_records_the_message_and_its_statuses_but_never_answers()
    {
        await using var emulator = await StartWithFaultsAsync(new { timeout_after_accept_ratio = 1.0, hang_ms = 60_000 });
        using var impatient = new HttpClient { BaseAddress = emulator.Client.BaseAddress, Timeout = TimeSpan.FromMilliseconds(500) };

        await Assert.ThrowsAsync<TaskCanceledException>(() => emulator.SendAsync(Payloads.Text(Customer, "x"), client: impatient));

        await AssertAcceptedAsync(emulator, 1);
        var wamid = (await emulator.GetJsonAsync("/_emulator/messages"))[0].GetProperty("wamid").GetString()!;
        await emulator.Receiver.WaitForAsync(w => w.HasStatus(wamid, "delivered"));
    }

    [Fact]
    public async Task Latency_is_added_before_answering()
    {
        await using var emulator = await StartWithFaultsAsync(new { latency_ms = 300 });

        var clock = Stopwatch.StartNew();
        await TestEmulator.AcceptedWamidAsync(await emulator.SendTextAsync(Customer));

        // A little under 300: the timer may fire on a coarse tick; an unpaused local send takes a few ms.
        Assert.True(clock.ElapsedMilliseconds >= 280, $"answered after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_faults()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.PairBurst = 100);
        await emulator.SimulateTextAsync(Customer);

        var first = await OutcomesAsync(emulator, new { error_5xx_ratio = 0.5, seed = 7 });
        var second = await OutcomesAsync(emulator, new { error_5xx_ratio = 0.5, seed = 7 });

        Assert.Equal(first, second);
        Assert.Contains(200, first);
        Assert.Contains(first, s => s >= 500);
    }

    private static async Task<List<int>> OutcomesAsync(TestEmulator emulator, object faults)
    {
        using var put = await emulator.Client.PutAsJsonAsync("/_emulator/faults", faults);
        put.EnsureSuccessStatusCode();
        var outcomes = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await emulator.SendTextAsync(Customer);
            outcomes.Add((int)response.StatusCode is >= 500 ? 500 : (int)response.StatusCode);
        }

        return outcomes;
    }

    private static async Task<TestEmulator> StartWithFaultsAsync(object faults)
    {
        var emulator = await TestEmulator.StartAsync();
        await emulator.SimulateTextAsync(Customer);
        using var put = await emulator.Client.PutAsJsonAsync("/_emulator/faults", faults);
        put.EnsureSuccessStatusCode();
        return emulator;
    }

    private static async Task AssertAcceptedAsync(TestEmulator emulator, int expected) =>
        Assert.Equal(expected, (await emulator.GetJsonAsync("/_emulator/stats")).GetProperty("accepted").GetInt32());
}
