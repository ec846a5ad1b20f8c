using PesanAI.Domain.Common;

namespace PesanAI.Application.Customers;

/// <summary>Stable ids derived from names, so every node (and every redelivery) derives the same ones.</summary>
public static class StableIds
{
    public static Guid Customer(Guid tenantId, string link) => From($"pesanai:customer:{tenantId:D}:{link}");

    public static Guid Conversation(Guid tenantId, string phoneNumberId, Guid customerId) =>
        From($"pesanai:conversation:{tenantId:D}:{phoneNumberId}:{customerId:D}");

    public static string WaLink(string waId) => "wa:" + waId;

    public static string UserLink(string userId) => "uid:" + userId;

    private static Guid From(string name) => NameBasedGuid.From(name);
}
