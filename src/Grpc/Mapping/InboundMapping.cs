using Mapster;
using Api = PesanAI.Protos.Operations.V1;
using Model = PesanAI.Application.Inbound;

namespace PesanAI.Host.Mapping;

/// <summary>The operator's view of the inbound line: backlog and parked webhooks. A parked webhook's body has no proto field.</summary>
public sealed class InboundMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        config.NewConfig<Model.InboundBacklogReport, Api.InboundBacklog>()
            .Map(dest => dest.PendingWebhooks, src => src.Backlog.Pending)
            .Map(dest => dest.PendingBytes, src => src.Backlog.PendingBytes)
            .Map(dest => dest.OldestPendingReceiveTime, src => src.Backlog.OldestReceivedAt)
            .Map(dest => dest.Lag, src => src.Lag)
            .Map(dest => dest.ParkedWebhooks, src => src.ParkedWebhooks)
            .Map(dest => dest.ReadTime, src => src.ReadAt);

        config.NewConfig<Model.ParkedItem, Api.ParkedItem>()
            .Map(dest => dest.TenantId, src => src.TenantId.HasValue ? src.TenantId.Value.ToString() : string.Empty);

        config.NewConfig<Model.ParkedWebhookSummary, Api.ParkedWebhook>()
            .Map(dest => dest.Id, src => src.Id.ToString())
            .Map(dest => dest.RawWebhookId, src => src.RawWebhookId.ToString())
            .Map(dest => dest.ParkTime, src => src.ParkedAt)
            .Map(dest => dest.BodyBytes, src => src.BodyBytes ?? 0)
            .Map(dest => dest.ReplayTime, src => src.ReplayedAt);
    }
}
