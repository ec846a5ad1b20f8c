using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using PesanAI.Application.Media;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.Media;

/// <summary>
/// The async daemon's feed of customer messages with media into the list of fetches, after they committed (intake
/// never waits for a download). A page that fails is not acknowledged, so the daemon runs it again; registering is
/// idempotent. The fetch worker is woken at once.
/// </summary>
public sealed class MediaFeed : SubscriptionBase
{
    private readonly IServiceScopeFactory _scopes;
    private readonly MediaFetchSignal _signal;

    public MediaFeed(IServiceScopeFactory scopes, MediaFetchSignal signal)
    {
        _scopes = scopes;
        _signal = signal;
        Name = "media";
        IncludeType<MessageReceived>();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var registered = false;
        await using var scope = _scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        foreach (var e in page.Events)
        {
            if (e.Data is MessageReceived received && RegisterInboundMediaHandler.Carries(received) && Guid.TryParse(e.TenantId, out var tenantId))
            {
                await sender.Send(new RegisterInboundMedia(tenantId, received), cancellationToken);
                registered = true;
            }
        }

        if (registered)
        {
            _signal.Wake();
        }

        return NullChangeListener.Instance;
    }
}

/// <summary>Wakes the fetch worker when there is new work, so that it need not poll fast.</summary>
public sealed class MediaFetchSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
