using PesanAI.CloudApiEmulator.Graph;
using PesanAI.CloudApiEmulator.Numbers;
using PesanAI.CloudApiEmulator.Webhooks;

namespace PesanAI.CloudApiEmulator.Messaging;

/// <summary>
/// The life of an accepted send: <c>sent</c>, <c>delivered</c>, <c>read</c>, or one <c>failed</c>. Each status waits
/// until the one before has been delivered (or given up), so one message's statuses arrive in order even though
/// the dispatcher posts concurrently; Meta does not promise that order, PesanAI must cope either way.
/// </summary>
internal sealed class StatusScheduler(EmulatorOptions options, NumberRegistry numbers, WebhookDispatcher dispatcher, TimeProvider clock)
{
    /// <summary>
    /// Pricing category: the lowercase template category, or null for a service message. Failure: set when the send
    /// is accepted but will not be delivered (131026, 131050).
    /// </summary>
    public void Start(BusinessNumber number, AcceptedSend send, string? pricingCategory, GraphError? failure) =>
        _ = RunAsync(number, send, pricingCategory, failure);

    private async Task RunAsync(BusinessNumber number, AcceptedSend send, string? pricingCategory, GraphError? failure)
    {
        var secret = numbers.SigningSecret(number);
        await WaitUntil(send.AcceptedAt + options.SentDelay);
        if (failure is not null)
        {
            await dispatcher.Enqueue(StatusPayloads.Build(number, send, "failed", clock.GetUtcNow(), pricingCategory, failure), secret);
            return;
        }

        await dispatcher.Enqueue(StatusPayloads.Build(number, send, "sent", clock.GetUtcNow(), pricingCategory), secret);
        await WaitUntil(send.AcceptedAt + options.DeliveredDelay);
        await dispatcher.Enqueue(StatusPayloads.Build(number, send, "delivered", clock.GetUtcNow(), pricingCategory), secret);
        if (options.SendReadStatus)
        {
            await WaitUntil(send.AcceptedAt + options.ReadDelay);
            await dispatcher.Enqueue(StatusPayloads.Build(number, send, "read", clock.GetUtcNow(), pricingCategory), secret);
        }
    }

    private async Task WaitUntil(DateTimeOffset due)
    {
        var wait = due - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock);
        }
    }
}
