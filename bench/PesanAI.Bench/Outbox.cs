using System.Diagnostics;
using Grpc.Core;

namespace PesanAI.Bench;

/// <summary>Queueing one message per customer through SendMessage, and waiting for the dispatcher to settle them.</summary>
internal static class Outbox
{
    /// <summary>
    /// One text message to each customer (so the pair limit never applies), each with a request_id, so that a call
    /// that failed can be repeated without queueing twice. Returns the message ids, in customer order.
    /// </summary>
    public static async Task<Guid[]> QueueAsync(Partner partner, IReadOnlyList<string> customers, int concurrency, DatabaseCalls calls)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(customers);
        var ids = new Guid[customers.Count];
        async Task Send(int i)
        {
            var request = partner.Text(customers[i], $"Halo! Pesanan {i} sudah kami kirim hari ini.", $"queue-{i}");
            ids[i] = Guid.Parse((await partner.Messaging.SendMessageAsync(request)).Message.MessageId);
        }

        var queued = await CallPhase.MeasureAsync("queue: SendMessage, one per customer", customers.Count, concurrency, Send, calls);
        foreach (var i in queued.Timings.Failed)
        {
            await RetryAsync(() => Send(i));
        }

        return ids;
    }

    /// <summary>Polls the store until no message is queued, attempting or deferred and <paramref name="done"/> agrees; bounded.</summary>
    public static async Task<bool> UntilSettledAsync(string connectionString, TimeSpan timeout, Func<Task<bool>>? done = null)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            if (await OutboundStore.UnsettledAsync(connectionString) == 0 && (done is null || await done()))
            {
                return true;
            }

            await Task.Delay(500);
        }

        return false;
    }

    private static async Task RetryAsync(Func<Task> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (RpcException) when (attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
        }
    }
}
