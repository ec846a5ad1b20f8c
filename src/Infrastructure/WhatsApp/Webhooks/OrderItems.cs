using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using PesanAI.Domain.Conversations;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>An order's items; a price keeps its exact decimal digits (no double in between).</summary>
internal static class OrderItems
{
    public static bool TryMap(OrderDto order, [NotNullWhen(true)] out IReadOnlyList<OrderItem>? items, [NotNullWhen(false)] out string? reason)
    {
        items = null;
        if (order.CatalogId is null || order.ProductItems is null)
        {
            reason = "order.catalog_id or order.product_items is missing";
            return false;
        }

        var result = new List<OrderItem>(order.ProductItems.Count);
        for (var i = 0; i < order.ProductItems.Count; i++)
        {
            var item = order.ProductItems[i];
            if (item is not { ProductRetailerId: { } retailerId, Currency: { } currency }
                || !int.TryParse(item.Quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity)
                || !decimal.TryParse(item.ItemPrice, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var price))
            {
                reason = $"order.product_items[{i}] lacks a product_retailer_id, currency, whole quantity or price";
                return false;
            }

            result.Add(new OrderItem(retailerId, quantity, price, currency));
        }

        items = result;
        reason = null;
        return true;
    }
}
