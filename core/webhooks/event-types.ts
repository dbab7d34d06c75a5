/** The events a merchant's endpoint is sent; the database triggers write exactly these (a SQL test checks). */
export const WEBHOOK_EVENT_TYPES = ['payment_request.paid', 'payment_request.expired', 'payment_request.cancelled', 'refund.succeeded'] as const;
