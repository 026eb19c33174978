// generated — do not edit; run pnpm generate
export interface paths {
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description Lists users, oldest first.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create a user
         * @description Creates a user who can log in with the password. Emits `user.created`.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a user
         * @description Retrieves a user by id.
         */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /**
         * Delete a user
         * @description Deletes a user and revokes their sessions. Emits `user.deleted`.
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List sessions
         * @description Lists login sessions, oldest first, optionally of one user.
         */
        get: operations["listSessions"];
        put?: never;
        /**
         * Log a user in
         * @description Checks email and password and opens a session. Emits `user.login`. A wrong email or password is a 401 `invalid_credentials` (the same for both, so emails cannot be probed).
         */
        post: operations["createSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a session
         * @description Logs the session out. Emits `session.revoked`. Revoking a revoked session returns it unchanged.
         */
        delete: operations["revokeSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve the account
         * @description Retrieves the account the API key belongs to.
         */
        get: operations["getAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update the account
         * @description Changes the account name, contact email or the version defaults of new webhook endpoints.
         */
        patch: operations["updateAccount"];
        trace?: never;
    };
    "/v1/checkout/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a checkout session
         * @description Opens a checkout session; send the customer to its `url`.
         */
        post: operations["createCheckoutSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/checkout/sessions/{checkout_session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a checkout session
         * @description Retrieves a checkout session by id.
         */
        get: operations["getCheckoutSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/checkout/sessions/{checkout_session_id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay a checkout session (customer step)
         * @description What the customer does on the hosted payment page. On success the session completes: emits `payment.succeeded` and `checkout.completed` (and `subscription.created` in subscription mode). A declined card emits `payment.failed` and leaves the session open. A session that is not open is a 409 `conflict`.
         */
        post: operations["payCheckoutSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List payments
         * @description Lists payments, oldest first.
         */
        get: operations["listPayments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{payment_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a payment
         * @description Retrieves a payment by id.
         */
        get: operations["getPayment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List subscriptions
         * @description Lists subscriptions, oldest first.
         */
        get: operations["listSubscriptions"];
        put?: never;
        /**
         * Create a subscription
         * @description Subscribes a user to a plan. Emits `subscription.created`.
         */
        post: operations["createSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{subscription_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a subscription
         * @description Retrieves a subscription by id.
         */
        get: operations["getSubscription"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{subscription_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a subscription
         * @description Cancels a subscription now, or at the end of the period with `at_period_end`. Emits `subscription.cancelled` when it ends. Cancelling a cancelled subscription is a 409 `conflict`.
         */
        post: operations["cancelSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events
         * @description Lists events oldest first. This is the catch-up path: after downtime, page from the last event id you handled (`starting_after`) and feed the events through the same handlers as webhooks; ids match the `webhook-id` of deliveries, so nothing is handled twice.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{event_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an event
         * @description Retrieves an event by id, as it was first published.
         */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description Lists webhook endpoints, oldest first.
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Create a webhook endpoint
         * @description Registers a URL for the events it lists (`payment.*` and `*` wildcards allowed). The response carries the signing secret, shown only this once.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{endpoint_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a webhook endpoint
         * @description Retrieves a webhook endpoint by id (without its secret).
         */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description Deletes the endpoint; pending deliveries to it are dropped.
         */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /**
         * Update a webhook endpoint
         * @description Changes the URL, events, version policy or description; `disabled` turns deliveries off or back on.
         */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/v1/webhook_endpoints/{endpoint_id}/rotate_secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret
         * @description Issues a new signing secret. During the grace period every delivery carries a signature for each secret, so receivers can switch without dropping events.
         */
        post: operations["rotateWebhookEndpointSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{endpoint_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event
         * @description Publishes a test event of the given type (with example data) and delivers it to this endpoint only. Returns the delivery; follow it with `GET /v1/deliveries/{delivery_id}`.
         */
        post: operations["testWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{endpoint_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List deliveries of an endpoint
         * @description The delivery log of one endpoint, oldest first, each with its attempts.
         */
        get: operations["listWebhookEndpointDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{delivery_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a delivery
         * @description Retrieves a delivery with every attempt: status code, latency, response excerpt, error.
         */
        get: operations["getDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/{delivery_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a delivery
         * @description Queues one more attempt now, with the same `webhook-id`, whatever the status (also for dead-lettered deliveries). A disabled endpoint is a 409 `conflict`.
         */
        post: operations["retryDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Summary counts
         * @description Counts of users, sessions, payments, subscriptions, events and deliveries by status.
         */
        get: operations["getAnalyticsSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "user.created.v1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * user.created (v1)
         * @description A new user account was created, by sign-up, invitation or an admin.
         *
         *     Sent to endpoints whose `enabled_events` match `user.created` and whose version policy selects version 1.
         */
        post: operations["userCreatedV1Webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "user.login.v1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * user.login (v1)
         * @description A user signed in. v1: the client address and user agent, flat.
         *
         *     Sent to endpoints whose `enabled_events` match `user.login` and whose version policy selects version 1.
         */
        post: operations["userLoginV1Webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "user.login.v2": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * user.login (v2)
         * @description A user signed in. v2: client info nested under `client`, plus the sign-in method, MFA and the new session.
         *
         *     Sent to endpoints whose `enabled_events` match `user.login` and whose version policy selects version 2.
         */
        post: operations["userLoginV2Webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "user.deleted.v1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * user.deleted (v1)
         * @description A user account was deleted, by the user, an admin or a retention policy.
         *
         *     Sent to endpoints whose `enabled_events` match `user.deleted` and whose version policy selects version 1.
         */
        post: operations["userDeletedV1Webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "password_reset.requested.v1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * password_reset.requested (v1)
         * @description A password reset was requested; a one-time link or code was sent.
         *
         *     Sent to endpoints whose `enabled_events` match `password_reset.requested` and whose version policy selects version 1.
         */
        post: operations["passwordResetRequestedV1Webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "mfa.verified.v1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * mfa.verified (v1)
         * @description A user passed a multi-factor challenge (TOTP, SMS, WebAuthn, recovery code...).
         *
         *     Sent to endpoints whose `enabled_events` match `mfa.verified` and whose version policy selects version 1.
         */
        post: operations["mfaVerifiedV1Webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "session.revoked.v1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * session.revoked (v1)
         * @description A session was ended: sign-out, admin revocation, password change or a security rule.
         *
         *     Sent to endpoints whose `enabled_events` match `session.revoked` and whose version policy selects version 1.
         */
        post: operations["sessionRevokedV1Webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "checkout.completed.v1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * checkout.completed (v1)
         * @description A checkout session was completed: the customer paid (mode `payment`) or subscribed (mode `subscription`).
         *
         *     Sent to endpoints whose `enabled_events` match `checkout.completed` and whose version policy selects version 1.
         */
        post: operations["checkoutCompletedV1Webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "payment.succeeded.v1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * payment.succeeded (v1)
         * @description A payment was captured. v1: `amount` (minor units) and `currency` side by side.
         *
         *     Sent to endpoints whose `enabled_events` match `payment.succeeded` and whose version policy selects version 1.
         */
        post: operations["paymentSucceededV1Webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "payment.succeeded.v2": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * payment.succeeded (v2)
         * @description A payment was captured. v2: `amount` is `{ value, currency }`, `payment_method` is an object, plus fee and statement descriptor.
         *
         *     Sent to endpoints whose `enabled_events` match `payment.succeeded` and whose version policy selects version 2.
         */
        post: operations["paymentSucceededV2Webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "payment.failed.v1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * payment.failed (v1)
         * @description A payment attempt failed: declined by the issuer, needs authentication, or a processing error.
         *
         *     Sent to endpoints whose `enabled_events` match `payment.failed` and whose version policy selects version 1.
         */
        post: operations["paymentFailedV1Webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "subscription.created.v1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * subscription.created (v1)
         * @description A subscription was started, possibly with a trial.
         *
         *     Sent to endpoints whose `enabled_events` match `subscription.created` and whose version policy selects version 1.
         */
        post: operations["subscriptionCreatedV1Webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "subscription.cancelled.v1": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * subscription.cancelled (v1)
         * @description A subscription was cancelled, effective immediately or at the end of the current period.
         *
         *     Sent to endpoints whose `enabled_events` match `subscription.cancelled` and whose version policy selects version 1.
         */
        post: operations["subscriptionCancelledV1Webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description The account the API key belongs to, with the defaults new webhook endpoints inherit. */
        Account: {
            /**
             * @description Identifier of an account, prefixed `acct_`.
             * @example acct_01J9Z1X0Y9W8
             */
            id: string;
            name: string;
            email: string | null;
            /** @description False for `sk_test_` keys. */
            livemode: boolean;
            /** @description `api_version` of webhook endpoints created without one; null means the latest. */
            default_api_version: number | null;
            /**
             * @description `event_versions` of webhook endpoints created without them.
             * @example {
             *       "payment.succeeded": 1
             *     }
             */
            default_event_versions: {
                [key: string]: number;
            };
            /** Format: date-time */
            created_at: string;
        };
        /** @description Counts over the account since `since` (or ever). */
        AnalyticsSummary: {
            /** Format: date-time */
            generated_at: string;
            since: string | null;
            users: {
                total: number;
            };
            sessions: {
                total: number;
                active: number;
            };
            payments: {
                total: number;
                by_status: {
                    processing: number;
                    succeeded: number;
                    failed: number;
                };
                /** @description Succeeded amount per currency. */
                volume: {
                    currency: components["schemas"]["Currency"];
                    amount: number;
                }[];
            };
            subscriptions: {
                total: number;
                by_status: {
                    trialing: number;
                    incomplete: number;
                    active: number;
                    past_due: number;
                    cancelled: number;
                };
            };
            events: {
                total: number;
                /** @description Events per event type. */
                by_type: {
                    [key: string]: number;
                };
            };
            webhook_endpoints: {
                enabled: number;
                disabled: number;
            };
            deliveries: {
                total: number;
                by_status: {
                    pending: number;
                    succeeded: number;
                    failed: number;
                    dead: number;
                };
                /** @description Succeeded / (succeeded + failed + dead); null before the first settled delivery. */
                success_rate: number | null;
            };
        };
        /**
         * @description How often a subscription is billed; the same values as `plan.interval` in `subscription.created`.
         * @enum {string}
         */
        BillingInterval: "day" | "week" | "month" | "year";
        /** @description Cancels a subscription now (default) or at the end of the current period. */
        CancelSubscriptionRequest: {
            /**
             * @description Keep it active until `current_period_end` instead of ending it now.
             * @default false
             */
            at_period_end: boolean;
            /** @default requested_by_customer */
            reason: components["schemas"]["CancellationReason"];
            /** @description The customer's own words. */
            feedback?: string;
        };
        /**
         * @description Why a subscription was cancelled; the same values as `reason` in `subscription.cancelled`.
         * @enum {string}
         */
        CancellationReason: "requested_by_customer" | "payment_failed" | "too_expensive" | "missing_features" | "switched_service" | "unused" | "fraud" | "other";
        /** @description The card a payment was made with. The full number is never stored or returned. */
        CardSummary: {
            /**
             * @description Card network; `unknown` when the processor did not report one.
             * @enum {string}
             */
            brand: "visa" | "mastercard" | "amex" | "discover" | "jcb" | "unionpay" | "diners" | "unknown";
            last4: string;
            exp_month: number;
            exp_year: number;
        };
        /**
         * checkout.completed v1
         * @description A checkout session was completed: the customer paid (mode `payment`) or subscribed (mode `subscription`).
         */
        CheckoutCompletedV1Event: {
            /** @description Unique event id; the same on every redelivery (and equal to `webhook-id`): dedupe on it. */
            id: string;
            /**
             * @description Event type.
             * @constant
             */
            event: "checkout.completed";
            /**
             * @description Contract version of this event type.
             * @constant
             */
            version: 1;
            /**
             * Format: date-time
             * @description When the event happened, ISO 8601 in UTC (e.g. `2026-03-13T17:00:00Z`).
             */
            timestamp: string;
            /** @description Id of the resource the event is about (`cs_...`). */
            resource_id: string;
            /** @description Data of `checkout.completed` version 1; its shape is fixed by that version. */
            metadata: {
                /** @description The paying customer. */
                customer_id: string;
                /**
                 * Format: email
                 * @description Email the customer entered at checkout.
                 */
                customer_email: string;
                /**
                 * @description `payment` for a one-off purchase, `subscription` when it started a subscription.
                 * @enum {string}
                 */
                mode: "payment" | "subscription";
                /** @description Total charged, minor units, after discounts and tax. */
                amount_total: number;
                /** @description Discounts applied, minor units. */
                amount_discount: number;
                /** @description Tax charged, minor units. */
                amount_tax: number;
                /** @description ISO 4217 currency code, upper case. */
                currency: string;
                /** @description Set in `payment` mode (and for the first invoice in `subscription` mode when charged). */
                payment_id: string | null;
                /** @description Set in `subscription` mode. */
                subscription_id: string | null;
                /** @description The items bought; at least one. */
                line_items: {
                    /** @description The price that was charged. */
                    price_id: string;
                    /** @description What was bought, as shown to the customer. */
                    description: string;
                    /** @description How many units. */
                    quantity: number;
                    /** @description Unit price, minor units. */
                    unit_amount: number;
                }[];
            };
        };
        /** @description A payment page for one purchase (`mode: payment`) or the start of a subscription (`mode: subscription`). The customer pays on the page at `url` (in the sandbox: `POST /v1/checkout/sessions/{checkout_session_id}/pay`). */
        CheckoutSession: {
            /**
             * @description Identifier of a checkout session, prefixed `cs_`.
             * @example cs_01J9Z6F7G8H9
             */
            id: string;
            /** @enum {string} */
            status: "open" | "complete" | "expired";
            /** @enum {string} */
            mode: "payment" | "subscription";
            /** @description Amount in the currency's smallest unit (cents for `USD`). */
            amount: number;
            currency: components["schemas"]["Currency"];
            user_id: string | null;
            /** @description The billing customer; set once the checkout completes (as in `checkout.completed`). */
            customer_id: string | null;
            customer_email: string | null;
            /** @description The plan subscribed to (`mode: subscription`). */
            plan_id: string | null;
            interval: components["schemas"]["BillingInterval"] | null;
            /**
             * Format: uri
             * @description The hosted payment page.
             */
            url: string;
            /** Format: uri */
            success_url: string;
            cancel_url: string | null;
            /** @description The latest payment attempt. */
            payment_id: string | null;
            subscription_id: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string;
            completed_at: string | null;
            metadata: components["schemas"]["Metadata"];
        };
        /** @description Opens a checkout session. With `mode: subscription`, `plan_id` and `interval` are required and completing the checkout creates the subscription. */
        CreateCheckoutSessionRequest: {
            /**
             * @default payment
             * @enum {string}
             */
            mode: "payment" | "subscription";
            /** @description Amount in the currency's smallest unit (cents for `USD`). */
            amount: number;
            currency: components["schemas"]["Currency"];
            /**
             * @description Identifier of a user, prefixed `usr_`.
             * @example usr_01J9Z3K7Q2M5
             */
            user_id?: string;
            /**
             * Format: email
             * @description Email address.
             */
            customer_email?: string;
            /**
             * @description Identifier of a plan, prefixed `plan_` (as in the subscription events).
             * @example plan_pro_monthly
             */
            plan_id?: string;
            interval?: components["schemas"]["BillingInterval"];
            /**
             * Format: uri
             * @description Where the pay page sends the customer after paying.
             */
            success_url: string;
            /**
             * Format: uri
             * @description Where the pay page links back to without paying.
             */
            cancel_url?: string;
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description Logs a user in with email and password. */
        CreateSessionRequest: {
            /**
             * Format: email
             * @description Email address.
             */
            email: string;
            password: string;
            ip_address?: string;
            user_agent?: string;
        };
        /** @description Subscribes a user to a plan. */
        CreateSubscriptionRequest: {
            /**
             * @description Identifier of a user, prefixed `usr_`.
             * @example usr_01J9Z3K7Q2M5
             */
            user_id: string;
            /**
             * @description Identifier of a plan, prefixed `plan_` (as in the subscription events).
             * @example plan_pro_monthly
             */
            plan_id: string;
            /** @description Amount in the currency's smallest unit (cents for `USD`). */
            amount: number;
            currency: components["schemas"]["Currency"];
            interval: components["schemas"]["BillingInterval"];
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description Creates a user with a password they can log in with. */
        CreateUserRequest: {
            /**
             * Format: email
             * @description Email address.
             */
            email: string;
            /** @description At least 8 characters. Never returned. */
            password: string;
            name?: string;
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description Registers a webhook endpoint. `api_version` and `event_versions` default to the account defaults. */
        CreateWebhookEndpointRequest: {
            /**
             * Format: uri
             * @description Where deliveries are POSTed. Must be https, except for localhost in test mode.
             */
            url: string;
            enabled_events: components["schemas"]["EventPattern"][];
            description?: string;
            /** @description Each event is sent at the highest version of its type that is at most this number; null sends the latest version. */
            api_version?: number | null;
            /**
             * @description Pins single event types to a version, overriding `api_version`.
             * @example {
             *       "payment.succeeded": 1
             *     }
             */
            event_versions?: {
                [key: string]: number;
            };
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description Three-letter ISO 4217 currency code, upper case (as in events): `USD`, `EUR`, `JPY`. */
        Currency: string;
        /** @description Confirms that the User was deleted. */
        DeletedUser: {
            /**
             * @description Identifier of a user, prefixed `usr_`.
             * @example usr_01J9Z3K7Q2M5
             */
            id: string;
            /** @constant */
            deleted: true;
        };
        /** @description Confirms that the webhook endpoint was deleted. */
        DeletedWebhookEndpoint: {
            /**
             * @description Identifier of a webhook endpoint, prefixed `we_`.
             * @example we_01J9Z8M4N5P6
             */
            id: string;
            /** @constant */
            deleted: true;
        };
        /** @description The delivery of one event to one endpoint, with every attempt. All attempts carry the same `webhook-id` (the event id). */
        Delivery: {
            /**
             * @description Identifier of a delivery, prefixed `dlv_`.
             * @example dlv_01J9Z9Q7R8S9
             */
            id: string;
            /**
             * @description Identifier of a webhook endpoint, prefixed `we_`.
             * @example we_01J9Z8M4N5P6
             */
            endpoint_id: string;
            /**
             * @description Identifier of an event, prefixed `evt_`; the `webhook-id` of its deliveries.
             * @example evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1
             */
            event_id: string;
            event_type: components["schemas"]["EventType"];
            /** @description A version of an event type: 1, 2, ... */
            event_version: number;
            status: components["schemas"]["DeliveryStatus"];
            attempt_count: number;
            next_attempt_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            attempts: components["schemas"]["DeliveryAttempt"][];
        };
        /** @description One HTTP attempt of a delivery. */
        DeliveryAttempt: {
            /** @description 1 for the first attempt. */
            attempt: number;
            /** Format: date-time */
            started_at: string;
            /** @description The HTTP status answered; null when no response arrived. */
            status_code: number | null;
            /** @description Milliseconds until the response (or the error). */
            latency_ms: number;
            /** @description The first 1024 characters of the response body. */
            response_excerpt: string | null;
            /** @description Why the attempt failed without a status (timeout, connection refused, TLS, redirect). */
            error: string | null;
            succeeded: boolean;
        };
        /** @description A page of Delivery objects, oldest first. */
        DeliveryList: {
            data: components["schemas"]["Delivery"][];
            /** @description Whether more objects exist after this page. */
            has_more: boolean;
            /** @description The id of the last object in `data` (null when `data` is empty). Pass it as `starting_after` for the next page — or keep it to poll for newer objects later. */
            next_cursor: string | null;
        };
        /**
         * @description `pending`: waiting for its next attempt; `succeeded`: a 2xx arrived; `failed`: the last attempt failed and no retry is due (the endpoint is disabled); `dead`: every retry failed (dead-lettered; retry it by hand).
         * @enum {string}
         */
        DeliveryStatus: "pending" | "succeeded" | "failed" | "dead";
        /** @description Something that happened: the envelope of one event type at one version, exactly as delivered in the webhook body (see the `webhooks` section). `GET /v1/events` returns each event at the version it was published. */
        Event: components["schemas"]["UserCreatedV1Event"] | components["schemas"]["UserLoginV1Event"] | components["schemas"]["UserLoginV2Event"] | components["schemas"]["UserDeletedV1Event"] | components["schemas"]["PasswordResetRequestedV1Event"] | components["schemas"]["MfaVerifiedV1Event"] | components["schemas"]["SessionRevokedV1Event"] | components["schemas"]["CheckoutCompletedV1Event"] | components["schemas"]["PaymentSucceededV1Event"] | components["schemas"]["PaymentSucceededV2Event"] | components["schemas"]["PaymentFailedV1Event"] | components["schemas"]["SubscriptionCreatedV1Event"] | components["schemas"]["SubscriptionCancelledV1Event"];
        /** @description A page of Event objects, oldest first. */
        EventList: {
            data: components["schemas"]["Event"][];
            /** @description Whether more objects exist after this page. */
            has_more: boolean;
            /** @description The id of the last object in `data` (null when `data` is empty). Pass it as `starting_after` for the next page — or keep it to poll for newer objects later. */
            next_cursor: string | null;
        };
        /**
         * @description An event type (`payment.succeeded`), every event of a resource (`payment.*`), or every event (`*`).
         * @enum {string}
         */
        EventPattern: "*" | "user.*" | "password_reset.*" | "mfa.*" | "session.*" | "checkout.*" | "payment.*" | "subscription.*" | "user.created" | "user.login" | "user.deleted" | "password_reset.requested" | "mfa.verified" | "session.revoked" | "checkout.completed" | "payment.succeeded" | "payment.failed" | "subscription.created" | "subscription.cancelled";
        /**
         * @description An event type of the catalog (`<resource>.<action>`).
         * @enum {string}
         */
        EventType: "user.created" | "user.login" | "user.deleted" | "password_reset.requested" | "mfa.verified" | "session.revoked" | "checkout.completed" | "payment.succeeded" | "payment.failed" | "subscription.created" | "subscription.cancelled";
        /** @description One invalid field of a request: where it is and what is wrong with it. */
        FieldIssue: {
            /**
             * @description Where the issue is: `body.`, `query.`, `path.` or `header.`, then the dotted field path or the header name; a bare `body` when the body as a whole is unusable (not JSON, or cut off).
             * @example body.enabled_events.0
             * @example header.Idempotency-Key
             * @example body
             */
            path: string;
            /** @description What is wrong and what was expected. */
            message: string;
        };
        /** @description Up to 50 string key/value pairs you attach to an object for your own use; Hookline never interprets them. */
        Metadata: {
            [key: string]: string;
        };
        /**
         * mfa.verified v1
         * @description A user passed a multi-factor challenge (TOTP, SMS, WebAuthn, recovery code...).
         */
        MfaVerifiedV1Event: {
            /** @description Unique event id; the same on every redelivery (and equal to `webhook-id`): dedupe on it. */
            id: string;
            /**
             * @description Event type.
             * @constant
             */
            event: "mfa.verified";
            /**
             * @description Contract version of this event type.
             * @constant
             */
            version: 1;
            /**
             * Format: date-time
             * @description When the event happened, ISO 8601 in UTC (e.g. `2026-03-13T17:00:00Z`).
             */
            timestamp: string;
            /** @description Id of the resource the event is about (`usr_...`). */
            resource_id: string;
            /** @description Data of `mfa.verified` version 1; its shape is fixed by that version. */
            metadata: {
                /**
                 * @description The kind of second factor that was verified.
                 * @enum {string}
                 */
                factor_type: "totp" | "sms" | "email" | "webauthn" | "push" | "recovery_code";
                /** @description The enrolled factor that was used. */
                factor_id: string;
                /**
                 * @description Why the challenge was shown.
                 * @enum {string}
                 */
                reason: "login" | "step_up" | "enrollment";
                /** @description Identifier with the prefix `ses_`. */
                session_id: string;
                /** @description IPv4 or IPv6 address of the client. */
                ip_address: string;
                /** @description The client's `User-Agent` header, as sent. */
                user_agent: string;
            };
        };
        /**
         * password_reset.requested v1
         * @description A password reset was requested; a one-time link or code was sent.
         */
        PasswordResetRequestedV1Event: {
            /** @description Unique event id; the same on every redelivery (and equal to `webhook-id`): dedupe on it. */
            id: string;
            /**
             * @description Event type.
             * @constant
             */
            event: "password_reset.requested";
            /**
             * @description Contract version of this event type.
             * @constant
             */
            version: 1;
            /**
             * Format: date-time
             * @description When the event happened, ISO 8601 in UTC (e.g. `2026-03-13T17:00:00Z`).
             */
            timestamp: string;
            /** @description Id of the resource the event is about (`usr_...`). */
            resource_id: string;
            /** @description Data of `password_reset.requested` version 1; its shape is fixed by that version. */
            metadata: {
                /**
                 * Format: email
                 * @description Email address.
                 */
                email: string;
                /**
                 * @description Where the link or code was sent.
                 * @enum {string}
                 */
                delivery: "email" | "sms";
                /**
                 * Format: date-time
                 * @description When the link or code stops working.
                 */
                expires_at: string;
                /** @description IPv4 or IPv6 address of the client. */
                ip_address: string;
                /** @description The client's `User-Agent` header, as sent. */
                user_agent: string;
            };
        };
        /** @description The customer pays (this stands in for the hosted payment page). Test cards: `4242424242424242` succeeds, `4000000000000002` is declined, `4000000000009995` has insufficient funds; `outcome` forces a result whatever the card. */
        PayCheckoutSessionRequest: {
            card: {
                number: string;
                exp_month: number;
                exp_year: number;
                cvc: string;
            };
            /** @enum {string} */
            outcome?: "succeeded" | "card_declined" | "insufficient_funds";
        };
        /** @description The checkout session after the attempt and the payment it made. On success the session is `complete` (emits `checkout.completed` and `payment.succeeded`, and `subscription.created` in subscription mode); on failure it stays `open` so the customer can try again (emits `payment.failed`). */
        PayCheckoutSessionResponse: {
            checkout_session: components["schemas"]["CheckoutSession"];
            payment: components["schemas"]["Payment"];
        };
        /** @description A charge to a card. Emits `payment.succeeded` or `payment.failed` when it settles. */
        Payment: {
            /**
             * @description Identifier of a payment, prefixed `pay_`.
             * @example pay_3MtwBwLkdIwHu7ix
             */
            id: string;
            status: components["schemas"]["PaymentStatus"];
            /** @description Amount in the currency's smallest unit (cents for `USD`). */
            amount: number;
            currency: components["schemas"]["Currency"];
            user_id: string | null;
            /**
             * @description The billing customer (`cus_...`), as named in payment and subscription events.
             * @example cus_NffrFeUfNV2Hib
             */
            customer_id: string;
            checkout_session_id: string | null;
            subscription_id: string | null;
            card: components["schemas"]["CardSummary"] | null;
            failure_code: components["schemas"]["PaymentFailureCode"] | null;
            failure_message: string | null;
            /** Format: date-time */
            created_at: string;
            metadata: components["schemas"]["Metadata"];
        };
        /**
         * payment.failed v1
         * @description A payment attempt failed: declined by the issuer, needs authentication, or a processing error.
         */
        PaymentFailedV1Event: {
            /** @description Unique event id; the same on every redelivery (and equal to `webhook-id`): dedupe on it. */
            id: string;
            /**
             * @description Event type.
             * @constant
             */
            event: "payment.failed";
            /**
             * @description Contract version of this event type.
             * @constant
             */
            version: 1;
            /**
             * Format: date-time
             * @description When the event happened, ISO 8601 in UTC (e.g. `2026-03-13T17:00:00Z`).
             */
            timestamp: string;
            /** @description Id of the resource the event is about (`pay_...`). */
            resource_id: string;
            /** @description Data of `payment.failed` version 1; its shape is fixed by that version. */
            metadata: {
                /** @description Minor units of `currency`. */
                amount: number;
                /** @description ISO 4217 currency code, upper case. */
                currency: string;
                /** @description The customer whose payment failed. */
                customer_id: string;
                /**
                 * @description How the customer paid.
                 * @enum {string}
                 */
                payment_method: "card" | "sepa_debit" | "us_bank_account" | "paypal" | "apple_pay" | "google_pay" | "link";
                /**
                 * @description Why the payment failed, as a stable code.
                 * @enum {string}
                 */
                failure_code: "card_declined" | "insufficient_funds" | "expired_card" | "incorrect_cvc" | "incorrect_number" | "authentication_required" | "processing_error" | "fraudulent" | "do_not_honor";
                /** @description Human-readable reason, safe to show to the customer. */
                failure_message: string;
                /** @description Issuer's decline code when it gave one (e.g. `generic_decline`). */
                decline_code: string | null;
                /** @description 1 for the first attempt; retries count up. */
                attempt_count: number;
                /** @description When the platform will retry automatically; `null` when it will not. */
                next_retry_at: string | null;
                /** @description The invoice this attempt tried to settle; `null` for one-off payments. */
                invoice_id: string | null;
            };
        };
        /**
         * @description Why a payment failed; the same codes as `failure_code` in the `payment.failed` event.
         * @enum {string}
         */
        PaymentFailureCode: "card_declined" | "insufficient_funds" | "expired_card" | "incorrect_cvc" | "incorrect_number" | "authentication_required" | "processing_error" | "fraudulent" | "do_not_honor";
        /** @description A page of Payment objects, oldest first. */
        PaymentList: {
            data: components["schemas"]["Payment"][];
            /** @description Whether more objects exist after this page. */
            has_more: boolean;
            /** @description The id of the last object in `data` (null when `data` is empty). Pass it as `starting_after` for the next page — or keep it to poll for newer objects later. */
            next_cursor: string | null;
        };
        /**
         * @description `processing` until the card network answers, then `succeeded` or `failed`.
         * @enum {string}
         */
        PaymentStatus: "processing" | "succeeded" | "failed";
        /**
         * payment.succeeded v1
         * @description A payment was captured. v1: `amount` (minor units) and `currency` side by side.
         */
        PaymentSucceededV1Event: {
            /** @description Unique event id; the same on every redelivery (and equal to `webhook-id`): dedupe on it. */
            id: string;
            /**
             * @description Event type.
             * @constant
             */
            event: "payment.succeeded";
            /**
             * @description Contract version of this event type.
             * @constant
             */
            version: 1;
            /**
             * Format: date-time
             * @description When the event happened, ISO 8601 in UTC (e.g. `2026-03-13T17:00:00Z`).
             */
            timestamp: string;
            /** @description Id of the resource the event is about (`pay_...`). */
            resource_id: string;
            /** @description Data of `payment.succeeded` version 1; its shape is fixed by that version. */
            metadata: {
                /** @description Minor units of `currency` (1999 = $19.99). */
                amount: number;
                /** @description ISO 4217 currency code, upper case. */
                currency: string;
                /** @description The customer who paid. */
                customer_id: string;
                /**
                 * @description How the customer paid.
                 * @enum {string}
                 */
                payment_method: "card" | "sepa_debit" | "us_bank_account" | "paypal" | "apple_pay" | "google_pay" | "link";
                /** @description Set when `payment_method` is a card (or a wallet backed by one). */
                card_brand: ("visa" | "mastercard" | "amex" | "discover" | "jcb" | "unionpay" | "diners" | "unknown") | null;
                /** @description Last four card digits when `payment_method` is card-backed; otherwise `null`. */
                card_last4: string | null;
                /** @description Where the receipt was sent; `null` when none was. */
                receipt_email: string | null;
                /** @description The invoice this payment settles; `null` for one-off payments. */
                invoice_id: string | null;
            };
        };
        /**
         * payment.succeeded v2
         * @description A payment was captured. v2: `amount` is `{ value, currency }`, `payment_method` is an object, plus fee and statement descriptor.
         */
        PaymentSucceededV2Event: {
            /** @description Unique event id; the same on every redelivery (and equal to `webhook-id`): dedupe on it. */
            id: string;
            /**
             * @description Event type.
             * @constant
             */
            event: "payment.succeeded";
            /**
             * @description Contract version of this event type.
             * @constant
             */
            version: 2;
            /**
             * Format: date-time
             * @description When the event happened, ISO 8601 in UTC (e.g. `2026-03-13T17:00:00Z`).
             */
            timestamp: string;
            /** @description Id of the resource the event is about (`pay_...`). */
            resource_id: string;
            /** @description Data of `payment.succeeded` version 2; its shape is fixed by that version. */
            metadata: {
                /** @description An amount and its currency; `value` in minor units. */
                amount: {
                    /** @description Amount in the minor unit of the currency (1999 = 19.99 USD; JPY has no minor unit). */
                    value: number;
                    /** @description ISO 4217 currency code, upper case. */
                    currency: string;
                };
                /** @description Processor fee in the same currency; `null` when not (yet) known. */
                fee: {
                    /** @description Amount in the minor unit of the currency (1999 = 19.99 USD; JPY has no minor unit). */
                    value: number;
                    /** @description ISO 4217 currency code, upper case. */
                    currency: string;
                } | null;
                /** @description The customer who paid. */
                customer_id: string;
                /** @description How the customer paid, with card details when card-backed. */
                payment_method: {
                    /**
                     * @description How the customer paid.
                     * @enum {string}
                     */
                    type: "card" | "sepa_debit" | "us_bank_account" | "paypal" | "apple_pay" | "google_pay" | "link";
                    /** @description Card details when the method is card-backed; a field is `null` when the processor did not report it. */
                    card: {
                        /** @description Card network; `null` when not reported. */
                        brand: ("visa" | "mastercard" | "amex" | "discover" | "jcb" | "unionpay" | "diners" | "unknown") | null;
                        /** @description Last four digits; `null` when not reported. */
                        last4: string | null;
                    } | null;
                };
                /** @description Where the receipt was sent; `null` when none was. */
                receipt_email: string | null;
                /** @description The invoice this payment settles; `null` for one-off payments. */
                invoice_id: string | null;
                /** @description Text on the customer's bank statement; `null` when the account default was used. */
                statement_descriptor: string | null;
            };
        };
        /** @description An RFC 9457 problem details object, sent with `content-type: application/problem+json`. */
        Problem: {
            /**
             * Format: uri
             * @description A URI naming the kind of problem: `https://hookline.dev/problems/<code>`.
             * @example https://hookline.dev/problems/not_found
             */
            type: string;
            /** @description Short, human-readable summary of the kind of problem. */
            title: string;
            /** @description The HTTP status code. */
            status: number;
            /** @description What happened in this occurrence, what was expected, and how to fix it. */
            detail: string;
            /**
             * Format: uri-reference
             * @description The request path as sent, still percent-encoded (a URI reference), identifying this occurrence.
             */
            instance?: string;
            code: components["schemas"]["ProblemCode"];
            /** @description For `invalid_request`: every invalid field. */
            errors?: components["schemas"]["FieldIssue"][];
            /** @description Quote this when asking for support. */
            request_id?: string;
        };
        /**
         * @description Stable machine-readable error code. Switch on this, not on `title` or `detail`.
         *
         *     - `invalid_request` (400)
         *     - `invalid_credentials` (401)
         *     - `unauthorized` (401)
         *     - `forbidden` (403)
         *     - `not_found` (404)
         *     - `method_not_allowed` (405)
         *     - `conflict` (409)
         *     - `idempotency_key_in_use` (409)
         *     - `payload_too_large` (413)
         *     - `unsupported_media_type` (415)
         *     - `idempotency_key_reused` (422)
         *     - `rate_limited` (429)
         *     - `internal_error` (500)
         *     - `service_unavailable` (503)
         * @enum {string}
         */
        ProblemCode: "invalid_request" | "invalid_credentials" | "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "idempotency_key_in_use" | "payload_too_large" | "unsupported_media_type" | "idempotency_key_reused" | "rate_limited" | "internal_error" | "service_unavailable";
        /** @description Issues a new signing secret. Until the grace period ends, deliveries are signed with both the old and the new secret. */
        RotateWebhookSecretRequest: {
            /**
             * @description How long the old secret keeps signing, 0–604800 seconds (default 86400, one day).
             * @default 86400
             */
            grace_period_seconds: number;
        };
        /** @description The new signing secret and when the old one stops signing. */
        RotateWebhookSecretResponse: {
            /**
             * @description Identifier of a webhook endpoint, prefixed `we_`.
             * @example we_01J9Z8M4N5P6
             */
            webhook_endpoint_id: string;
            /** @description The signing secret (`whsec_` + base64). Shown only when created or rotated. */
            secret: string;
            /** Format: date-time */
            previous_secret_expires_at: string;
        };
        /** @description A login session of a user. Creating one (a login) emits `user.login`; revoking one emits `session.revoked`. */
        Session: {
            /**
             * @description Identifier of a login session, prefixed `ses_`.
             * @example ses_01J9Z4A1B2C3
             */
            id: string;
            /**
             * @description Identifier of a user, prefixed `usr_`.
             * @example usr_01J9Z3K7Q2M5
             */
            user_id: string;
            /** @enum {string} */
            status: "active" | "revoked" | "expired";
            /** @description IP address the login came from. */
            ip_address: string | null;
            /** @description User agent the login came from. */
            user_agent: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string;
            revoked_at: string | null;
        };
        /** @description A page of Session objects, oldest first. */
        SessionList: {
            data: components["schemas"]["Session"][];
            /** @description Whether more objects exist after this page. */
            has_more: boolean;
            /** @description The id of the last object in `data` (null when `data` is empty). Pass it as `starting_after` for the next page — or keep it to poll for newer objects later. */
            next_cursor: string | null;
        };
        /**
         * session.revoked v1
         * @description A session was ended: sign-out, admin revocation, password change or a security rule.
         */
        SessionRevokedV1Event: {
            /** @description Unique event id; the same on every redelivery (and equal to `webhook-id`): dedupe on it. */
            id: string;
            /**
             * @description Event type.
             * @constant
             */
            event: "session.revoked";
            /**
             * @description Contract version of this event type.
             * @constant
             */
            version: 1;
            /**
             * Format: date-time
             * @description When the event happened, ISO 8601 in UTC (e.g. `2026-03-13T17:00:00Z`).
             */
            timestamp: string;
            /** @description Id of the resource the event is about (`ses_...`). */
            resource_id: string;
            /** @description Data of `session.revoked` version 1; its shape is fixed by that version. */
            metadata: {
                /** @description The user whose session it was. */
                user_id: string;
                /**
                 * @description Why the session ended.
                 * @enum {string}
                 */
                reason: "logout" | "admin_revoked" | "password_changed" | "user_deleted" | "suspicious_activity" | "expired";
                /**
                 * @description Who ended it: the user, an admin, or the platform.
                 * @enum {string}
                 */
                revoked_by: "user" | "admin" | "system";
                /** @description Address the revocation came from; `null` when the system revoked it. */
                ip_address: (string) | null;
            };
        };
        /** @description A recurring charge. Creating one emits `subscription.created`; cancelling one emits `subscription.cancelled`. */
        Subscription: {
            /**
             * @description Identifier of a subscription, prefixed `sub_`.
             * @example sub_01J9Z7J1K2L3
             */
            id: string;
            /**
             * @description Identifier of a user, prefixed `usr_`.
             * @example usr_01J9Z3K7Q2M5
             */
            user_id: string;
            /**
             * @description The billing customer (`cus_...`), as named in payment and subscription events.
             * @example cus_NffrFeUfNV2Hib
             */
            customer_id: string;
            status: components["schemas"]["SubscriptionStatus"];
            /**
             * @description Identifier of a plan, prefixed `plan_` (as in the subscription events).
             * @example plan_pro_monthly
             */
            plan_id: string;
            /** @description Amount in the currency's smallest unit (cents for `USD`). */
            amount: number;
            currency: components["schemas"]["Currency"];
            interval: components["schemas"]["BillingInterval"];
            /** Format: date-time */
            current_period_start: string;
            /** Format: date-time */
            current_period_end: string;
            cancel_at_period_end: boolean;
            cancelled_at: string | null;
            cancellation_reason: components["schemas"]["CancellationReason"] | null;
            /** Format: date-time */
            created_at: string;
            metadata: components["schemas"]["Metadata"];
        };
        /**
         * subscription.cancelled v1
         * @description A subscription was cancelled, effective immediately or at the end of the current period.
         */
        SubscriptionCancelledV1Event: {
            /** @description Unique event id; the same on every redelivery (and equal to `webhook-id`): dedupe on it. */
            id: string;
            /**
             * @description Event type.
             * @constant
             */
            event: "subscription.cancelled";
            /**
             * @description Contract version of this event type.
             * @constant
             */
            version: 1;
            /**
             * Format: date-time
             * @description When the event happened, ISO 8601 in UTC (e.g. `2026-03-13T17:00:00Z`).
             */
            timestamp: string;
            /** @description Id of the resource the event is about (`sub_...`). */
            resource_id: string;
            /** @description Data of `subscription.cancelled` version 1; its shape is fixed by that version. */
            metadata: {
                /** @description The customer whose subscription it was. */
                customer_id: string;
                /** @description The plan that was cancelled. */
                plan_id: string;
                /**
                 * Format: date-time
                 * @description When the cancellation was requested.
                 */
                cancelled_at: string;
                /** @description `true`: access continues until `ends_at` (the current period end). */
                cancel_at_period_end: boolean;
                /**
                 * Format: date-time
                 * @description When access actually ends.
                 */
                ends_at: string;
                /**
                 * @description Who cancelled: the customer, an admin, or the platform (e.g. after failed payments).
                 * @enum {string}
                 */
                cancelled_by: "customer" | "admin" | "system";
                /**
                 * @description Why, as chosen by the customer or set by the platform.
                 * @enum {string}
                 */
                reason: "requested_by_customer" | "payment_failed" | "too_expensive" | "missing_features" | "switched_service" | "unused" | "fraud" | "other";
                /** @description Free-text feedback from the customer's cancellation form. */
                feedback: string | null;
            };
        };
        /**
         * subscription.created v1
         * @description A subscription was started, possibly with a trial.
         */
        SubscriptionCreatedV1Event: {
            /** @description Unique event id; the same on every redelivery (and equal to `webhook-id`): dedupe on it. */
            id: string;
            /**
             * @description Event type.
             * @constant
             */
            event: "subscription.created";
            /**
             * @description Contract version of this event type.
             * @constant
             */
            version: 1;
            /**
             * Format: date-time
             * @description When the event happened, ISO 8601 in UTC (e.g. `2026-03-13T17:00:00Z`).
             */
            timestamp: string;
            /** @description Id of the resource the event is about (`sub_...`). */
            resource_id: string;
            /** @description Data of `subscription.created` version 1; its shape is fixed by that version. */
            metadata: {
                /** @description The subscribing customer. */
                customer_id: string;
                /** @description The plan subscribed to. */
                plan: {
                    /** @description Identifier with the prefix `plan_`. */
                    id: string;
                    /** @description Plan name as shown to the customer. */
                    name: string;
                    /** @description Price per interval, minor units (0 for a free plan). */
                    amount: number;
                    /** @description ISO 4217 currency code, upper case. */
                    currency: string;
                    /**
                     * @description Billing period unit.
                     * @enum {string}
                     */
                    interval: "day" | "week" | "month" | "year";
                    /** @description Billing periods per charge (3 with `month` = quarterly). */
                    interval_count: number;
                };
                /** @description Seats or units subscribed. */
                quantity: number;
                /**
                 * @description Status right after creation; `incomplete` until the first payment succeeds.
                 * @enum {string}
                 */
                status: "trialing" | "active" | "incomplete";
                /**
                 * Format: date-time
                 * @description Start of the first billing period.
                 */
                current_period_start: string;
                /**
                 * Format: date-time
                 * @description End of the first billing period (the next renewal).
                 */
                current_period_end: string;
                /** @description End of the trial; `null` without a trial. */
                trial_end: string | null;
            };
        };
        /** @description A page of Subscription objects, oldest first. */
        SubscriptionList: {
            data: components["schemas"]["Subscription"][];
            /** @description Whether more objects exist after this page. */
            has_more: boolean;
            /** @description The id of the last object in `data` (null when `data` is empty). Pass it as `starting_after` for the next page — or keep it to poll for newer objects later. */
            next_cursor: string | null;
        };
        /**
         * @description `trialing`, `incomplete` (first payment pending) and `active` as in `subscription.created`; `past_due` after a failed renewal; `cancelled` once ended (spelled like the `subscription.cancelled` event).
         * @enum {string}
         */
        SubscriptionStatus: "trialing" | "incomplete" | "active" | "past_due" | "cancelled";
        /** @description Sends a test event (with example data) to the endpoint, whatever its `enabled_events`. */
        TestWebhookEndpointRequest: {
            /**
             * @description Event type to send (default `user.created`).
             * @default user.created
             */
            event: components["schemas"]["EventType"];
            /** @description Version to send; defaults to the endpoint's version policy. */
            version?: number;
        };
        /** @description Changes the account. Fields left out keep their value. */
        UpdateAccountRequest: {
            name?: string;
            email?: string | null;
            /** @description Each event is sent at the highest version of its type that is at most this number; null sends the latest version. */
            default_api_version?: number | null;
            /**
             * @description Pins single event types to a version, overriding `api_version`.
             * @example {
             *       "payment.succeeded": 1
             *     }
             */
            default_event_versions?: {
                [key: string]: number;
            };
        };
        /** @description Changes a webhook endpoint. Fields left out keep their value. `disabled: false` re-enables an endpoint disabled for any reason. */
        UpdateWebhookEndpointRequest: {
            /**
             * Format: uri
             * @description Where deliveries are POSTed. Must be https, except for localhost in test mode.
             */
            url?: string;
            enabled_events?: components["schemas"]["EventPattern"][];
            description?: string | null;
            /** @description Each event is sent at the highest version of its type that is at most this number; null sends the latest version. */
            api_version?: number | null;
            /**
             * @description Pins single event types to a version, overriding `api_version`.
             * @example {
             *       "payment.succeeded": 1
             *     }
             */
            event_versions?: {
                [key: string]: number;
            };
            disabled?: boolean;
            metadata?: components["schemas"]["Metadata"];
        };
        /** @description A person who can log in to your app. Creating one emits `user.created`; deleting one emits `user.deleted`. */
        User: {
            /**
             * @description Identifier of a user, prefixed `usr_`.
             * @example usr_01J9Z3K7Q2M5
             */
            id: string;
            /**
             * Format: email
             * @description Email address.
             */
            email: string;
            name: string | null;
            email_verified: boolean;
            /**
             * @description The billing customer of this user; payment and subscription events name it.
             * @example cus_NffrFeUfNV2Hib
             */
            customer_id: string;
            /** Format: date-time */
            created_at: string;
            metadata: components["schemas"]["Metadata"];
        };
        /**
         * user.created v1
         * @description A new user account was created, by sign-up, invitation or an admin.
         */
        UserCreatedV1Event: {
            /** @description Unique event id; the same on every redelivery (and equal to `webhook-id`): dedupe on it. */
            id: string;
            /**
             * @description Event type.
             * @constant
             */
            event: "user.created";
            /**
             * @description Contract version of this event type.
             * @constant
             */
            version: 1;
            /**
             * Format: date-time
             * @description When the event happened, ISO 8601 in UTC (e.g. `2026-03-13T17:00:00Z`).
             */
            timestamp: string;
            /** @description Id of the resource the event is about (`usr_...`). */
            resource_id: string;
            /** @description Data of `user.created` version 1; its shape is fixed by that version. */
            metadata: {
                /**
                 * Format: email
                 * @description Email address.
                 */
                email: string;
                /** @description Whether the address was confirmed (always `true` for OAuth sign-ups that vouch for it). */
                email_verified: boolean;
                /** @description Display name; `null` when not given. */
                name: string | null;
                /**
                 * @description How the account came to be.
                 * @enum {string}
                 */
                source: "signup" | "invitation" | "admin" | "import";
                /**
                 * @description How the user will sign in; `oauth_provider` is set when this is `oauth`.
                 * @enum {string}
                 */
                signup_method: "password" | "oauth" | "passkey" | "magic_link" | "sso" | "otp";
                /** @description The identity provider when `signup_method` is `oauth`; otherwise `null`. */
                oauth_provider: ("google" | "github" | "apple" | "microsoft" | "facebook") | null;
                /** @description Preferred language, a BCP 47 tag such as `en-US`. */
                locale: string | null;
                /** @description Client address at sign-up; `null` when created by an admin or an import. */
                ip_address: (string) | null;
                /** @description Client user agent at sign-up; `null` when created by an admin or an import. */
                user_agent: string | null;
            };
        };
        /**
         * user.deleted v1
         * @description A user account was deleted, by the user, an admin or a retention policy.
         */
        UserDeletedV1Event: {
            /** @description Unique event id; the same on every redelivery (and equal to `webhook-id`): dedupe on it. */
            id: string;
            /**
             * @description Event type.
             * @constant
             */
            event: "user.deleted";
            /**
             * @description Contract version of this event type.
             * @constant
             */
            version: 1;
            /**
             * Format: date-time
             * @description When the event happened, ISO 8601 in UTC (e.g. `2026-03-13T17:00:00Z`).
             */
            timestamp: string;
            /** @description Id of the resource the event is about (`usr_...`). */
            resource_id: string;
            /** @description Data of `user.deleted` version 1; its shape is fixed by that version. */
            metadata: {
                /**
                 * @description Who deleted it: the user themself, an admin, or the platform.
                 * @enum {string}
                 */
                deleted_by: "user" | "admin" | "system";
                /** @description The admin (`usr_...`) or API key (`key_...`) that deleted it; `null` for self-service and system. */
                actor_id: (string) | null;
                /**
                 * @description Why the account was deleted.
                 * @enum {string}
                 */
                reason: "user_requested" | "admin_action" | "inactivity" | "fraud" | "gdpr_erasure";
                /** @description `true` when personal data was erased, not just the account disabled. */
                hard_delete: boolean;
            };
        };
        /** @description A page of User objects, oldest first. */
        UserList: {
            data: components["schemas"]["User"][];
            /** @description Whether more objects exist after this page. */
            has_more: boolean;
            /** @description The id of the last object in `data` (null when `data` is empty). Pass it as `starting_after` for the next page — or keep it to poll for newer objects later. */
            next_cursor: string | null;
        };
        /**
         * user.login v1
         * @description A user signed in. v1: the client address and user agent, flat.
         */
        UserLoginV1Event: {
            /** @description Unique event id; the same on every redelivery (and equal to `webhook-id`): dedupe on it. */
            id: string;
            /**
             * @description Event type.
             * @constant
             */
            event: "user.login";
            /**
             * @description Contract version of this event type.
             * @constant
             */
            version: 1;
            /**
             * Format: date-time
             * @description When the event happened, ISO 8601 in UTC (e.g. `2026-03-13T17:00:00Z`).
             */
            timestamp: string;
            /** @description Id of the resource the event is about (`usr_...`). */
            resource_id: string;
            /** @description Data of `user.login` version 1; its shape is fixed by that version. */
            metadata: {
                /** @description IPv4 or IPv6 address of the client. */
                ip_address: string;
                /** @description The client's `User-Agent` header, as sent. */
                user_agent: string;
            };
        };
        /**
         * user.login v2
         * @description A user signed in. v2: client info nested under `client`, plus the sign-in method, MFA and the new session.
         */
        UserLoginV2Event: {
            /** @description Unique event id; the same on every redelivery (and equal to `webhook-id`): dedupe on it. */
            id: string;
            /**
             * @description Event type.
             * @constant
             */
            event: "user.login";
            /**
             * @description Contract version of this event type.
             * @constant
             */
            version: 2;
            /**
             * Format: date-time
             * @description When the event happened, ISO 8601 in UTC (e.g. `2026-03-13T17:00:00Z`).
             */
            timestamp: string;
            /** @description Id of the resource the event is about (`usr_...`). */
            resource_id: string;
            /** @description Data of `user.login` version 2; its shape is fixed by that version. */
            metadata: {
                /** @description The client that signed in. */
                client: {
                    /** @description IPv4 or IPv6 address of the client. */
                    ip_address: string;
                    /** @description The client's `User-Agent` header, as sent. */
                    user_agent: string;
                };
                /**
                 * @description `unknown` only on events upcast from v1, which did not record it.
                 * @enum {string}
                 */
                method: "password" | "oauth" | "passkey" | "magic_link" | "sso" | "otp" | "unknown";
                /** @description Whether a second factor was verified for this sign-in; `null` when not recorded. */
                mfa: boolean | null;
                /** @description The session this sign-in opened; `null` when not recorded. */
                session_id: string | null;
            };
        };
        /** @description A URL that receives signed deliveries of the events it subscribes to. */
        WebhookEndpoint: {
            /**
             * @description Identifier of a webhook endpoint, prefixed `we_`.
             * @example we_01J9Z8M4N5P6
             */
            id: string;
            /**
             * Format: uri
             * @description Where deliveries are POSTed. Must be https, except for localhost in test mode.
             */
            url: string;
            description: string | null;
            enabled_events: components["schemas"]["EventPattern"][];
            /** @description Each event is sent at the highest version of its type that is at most this number; null sends the latest version. */
            api_version: number | null;
            /**
             * @description Pins single event types to a version, overriding `api_version`.
             * @example {
             *       "payment.succeeded": 1
             *     }
             */
            event_versions: {
                [key: string]: number;
            };
            /** @enum {string} */
            status: "enabled" | "disabled";
            /** @description `manual`: disabled through the API; `gone`: the endpoint answered 410; `failing`: every delivery failed for too long. */
            disabled_reason: ("manual" | "gone" | "failing") | null;
            secret_rotated_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            metadata: components["schemas"]["Metadata"];
        };
        /** @description A page of WebhookEndpoint objects, oldest first. */
        WebhookEndpointList: {
            data: components["schemas"]["WebhookEndpoint"][];
            /** @description Whether more objects exist after this page. */
            has_more: boolean;
            /** @description The id of the last object in `data` (null when `data` is empty). Pass it as `starting_after` for the next page — or keep it to poll for newer objects later. */
            next_cursor: string | null;
        };
        /** @description A newly created webhook endpoint, with its signing secret. Store the secret: it is not shown again. */
        WebhookEndpointWithSecret: {
            /**
             * @description Identifier of a webhook endpoint, prefixed `we_`.
             * @example we_01J9Z8M4N5P6
             */
            id: string;
            /**
             * Format: uri
             * @description Where deliveries are POSTed. Must be https, except for localhost in test mode.
             */
            url: string;
            description: string | null;
            enabled_events: components["schemas"]["EventPattern"][];
            /** @description Each event is sent at the highest version of its type that is at most this number; null sends the latest version. */
            api_version: number | null;
            /**
             * @description Pins single event types to a version, overriding `api_version`.
             * @example {
             *       "payment.succeeded": 1
             *     }
             */
            event_versions: {
                [key: string]: number;
            };
            /** @enum {string} */
            status: "enabled" | "disabled";
            /** @description `manual`: disabled through the API; `gone`: the endpoint answered 410; `failing`: every delivery failed for too long. */
            disabled_reason: ("manual" | "gone" | "failing") | null;
            secret_rotated_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            metadata: components["schemas"]["Metadata"];
            /** @description The signing secret (`whsec_` + base64). Shown only when created or rotated. */
            secret: string;
        };
    };
    responses: {
        /** @description The request is malformed or invalid. */
        BadRequest: {
            headers: {
                "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://hookline.dev/problems/invalid_request",
                 *       "status": 400,
                 *       "code": "invalid_request",
                 *       "title": "Invalid request",
                 *       "detail": "The body has 1 invalid field: enabled_events must list at least one event type (e.g. \"payment.*\").",
                 *       "instance": "/v1/webhook_endpoints",
                 *       "errors": [
                 *         {
                 *           "path": "body.enabled_events",
                 *           "message": "must contain at least 1 item"
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The API key is missing or invalid. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://hookline.dev/problems/unauthorized",
                 *       "status": 401,
                 *       "code": "unauthorized",
                 *       "title": "Unauthorized",
                 *       "detail": "No valid API key was sent. Send `Authorization: Bearer sk_test_...` with a key from your dashboard.",
                 *       "instance": "/v1/payments"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such object. */
        NotFound: {
            headers: {
                "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://hookline.dev/problems/not_found",
                 *       "status": 404,
                 *       "code": "not_found",
                 *       "title": "Not found",
                 *       "detail": "No payment has the id pay_01J9Z6C4D5E7. Check the id, or list payments with GET /v1/payments.",
                 *       "instance": "/v1/payments/pay_01J9Z6C4D5E7"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The object is in a state that does not allow this, or a request with this `Idempotency-Key` is still running. */
        Conflict: {
            headers: {
                /**
                 * @description Present only when another request holds the `Idempotency-Key` (code `idempotency_key_in_use`): retry after this many seconds. A 409 without it is a state conflict that retrying does not fix.
                 * @example 1
                 */
                "Retry-After"?: number;
                "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://hookline.dev/problems/conflict",
                 *       "status": 409,
                 *       "code": "conflict",
                 *       "title": "Conflict",
                 *       "detail": "The checkout session cs_01J9Z6F7G8H9 is complete; only an open session can be paid. Create a new checkout session.",
                 *       "instance": "/v1/checkout/sessions/cs_01J9Z6F7G8H9/pay"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is larger than the API accepts. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://hookline.dev/problems/payload_too_large",
                 *       "status": 413,
                 *       "code": "payload_too_large",
                 *       "title": "Payload too large",
                 *       "detail": "The request body is larger than 1048576 bytes; send a smaller body.",
                 *       "instance": "/v1/webhook_endpoints"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body was not sent as `application/json`. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://hookline.dev/problems/unsupported_media_type",
                 *       "status": 415,
                 *       "code": "unsupported_media_type",
                 *       "title": "Unsupported media type",
                 *       "detail": "The body was sent as text/plain; the API reads only JSON. Send it with `content-type: application/json`.",
                 *       "instance": "/v1/users"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The `Idempotency-Key` was already used with a different request. */
        IdempotencyKeyReused: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://hookline.dev/problems/idempotency_key_reused",
                 *       "status": 422,
                 *       "code": "idempotency_key_reused",
                 *       "title": "Idempotency key reused",
                 *       "detail": "The Idempotency-Key \"5f8a6c0e-2d7b-4d7e-9a57-3f1e0f1c2b9d\" was first used with a different body. Use a new key for a different request.",
                 *       "instance": "/v1/users"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many requests; retry after `Retry-After` seconds. */
        RateLimited: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://hookline.dev/problems/rate_limited",
                 *       "status": 429,
                 *       "code": "rate_limited",
                 *       "title": "Too many requests",
                 *       "detail": "This API key sent more than 100 requests in 60 seconds. Retry after the number of seconds in Retry-After.",
                 *       "instance": "/v1/events"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Something went wrong on our side. Retry with backoff (POSTs with the same Idempotency-Key are safe to retry), unless the `detail` says a retry fails the same way. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://hookline.dev/problems/internal_error",
                 *       "status": 500,
                 *       "code": "internal_error",
                 *       "title": "Internal error",
                 *       "detail": "The request failed on our side. Retry it with backoff; POSTs with the same Idempotency-Key are safe to retry.",
                 *       "instance": "/v1/payments"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /**
         * @description Makes the POST safe to retry: the same key with the same body returns the first response (with `Idempotent-Replayed: true`); the same key with a different body is a 422 `idempotency_key_reused`; while the first request runs, a 409 `idempotency_key_in_use`. Keys are kept for 24 hours. Use a UUID.
         * @example 5f8a6c0e-2d7b-4d7e-9a57-3f1e0f1c2b9d
         */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Seconds to wait before retrying.
         * @example 30
         */
        RetryAfter: number;
        /**
         * @description Requests allowed in the current window.
         * @example 100
         */
        RateLimitLimit: number;
        /**
         * @description Requests left in the current window.
         * @example 0
         */
        RateLimitRemaining: number;
        /**
         * @description Seconds until the current window resets.
         * @example 30
         */
        RateLimitReset: number;
        /**
         * @description `true` when this response is the stored response of an earlier POST with the same `Idempotency-Key` (a success or a 400, 403, 404 or 409 problem); absent otherwise.
         * @example true
         */
        IdempotentReplayed: "true";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listUsers: {
        parameters: {
            query?: {
                /** @description How many objects to return, 1–100 (default 10). */
                limit?: number;
                /** @description A cursor: the id of the last user of the previous page (its `next_cursor`, `usr_…`). The page starts right after it. */
                starting_after?: string;
                /** @description Only the user with this email address. */
                email?: string;
                /**
                 * @description Only the user with this billing customer.
                 * @example cus_NffrFeUfNV2Hib
                 */
                customer_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "usr_01J9Z3K7Q2M5",
                     *           "email": "ada@example.com",
                     *           "name": "Ada Lovelace",
                     *           "email_verified": false,
                     *           "customer_id": "cus_NffrFeUfNV2Hib",
                     *           "created_at": "2026-03-13T16:58:00Z",
                     *           "metadata": {
                     *             "plan": "pro"
                     *           }
                     *         }
                     *       ],
                     *       "has_more": false,
                     *       "next_cursor": "usr_01J9Z3K7Q2M5"
                     *     }
                     */
                    "application/json": components["schemas"]["UserList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key with the same body returns the first response (with `Idempotent-Replayed: true`); the same key with a different body is a 422 `idempotency_key_reused`; while the first request runs, a 409 `idempotency_key_in_use`. Keys are kept for 24 hours. Use a UUID.
                 * @example 5f8a6c0e-2d7b-4d7e-9a57-3f1e0f1c2b9d
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com",
                 *       "password": "correct horse battery",
                 *       "name": "Ada Lovelace",
                 *       "metadata": {
                 *         "plan": "pro"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateUserRequest"];
            };
        };
        responses: {
            /** @description The created user. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "usr_01J9Z3K7Q2M5",
                     *       "email": "ada@example.com",
                     *       "name": "Ada Lovelace",
                     *       "email_verified": false,
                     *       "customer_id": "cus_NffrFeUfNV2Hib",
                     *       "created_at": "2026-03-13T16:58:00Z",
                     *       "metadata": {
                     *         "plan": "pro"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of a user, prefixed `usr_`.
                 * @example usr_01J9Z3K7Q2M5
                 */
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "usr_01J9Z3K7Q2M5",
                     *       "email": "ada@example.com",
                     *       "name": "Ada Lovelace",
                     *       "email_verified": false,
                     *       "customer_id": "cus_NffrFeUfNV2Hib",
                     *       "created_at": "2026-03-13T16:58:00Z",
                     *       "metadata": {
                     *         "plan": "pro"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of a user, prefixed `usr_`.
                 * @example usr_01J9Z3K7Q2M5
                 */
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user was deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "usr_01J9Z3K7Q2M5",
                     *       "deleted": true
                     *     }
                     */
                    "application/json": components["schemas"]["DeletedUser"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listSessions: {
        parameters: {
            query?: {
                /** @description How many objects to return, 1–100 (default 10). */
                limit?: number;
                /** @description A cursor: the id of the last session of the previous page (its `next_cursor`, `ses_…`). The page starts right after it. */
                starting_after?: string;
                /**
                 * @description Only sessions of this user.
                 * @example usr_01J9Z3K7Q2M5
                 */
                user_id?: string;
                status?: "active" | "revoked" | "expired";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of sessions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "ses_01J9Z4A1B2C3",
                     *           "user_id": "usr_01J9Z3K7Q2M5",
                     *           "status": "active",
                     *           "ip_address": "203.0.113.7",
                     *           "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15",
                     *           "created_at": "2026-03-13T16:59:00Z",
                     *           "expires_at": "2026-03-27T16:59:00Z",
                     *           "revoked_at": null
                     *         }
                     *       ],
                     *       "has_more": false,
                     *       "next_cursor": "ses_01J9Z4A1B2C3"
                     *     }
                     */
                    "application/json": components["schemas"]["SessionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    createSession: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key with the same body returns the first response (with `Idempotent-Replayed: true`); the same key with a different body is a 422 `idempotency_key_reused`; while the first request runs, a 409 `idempotency_key_in_use`. Keys are kept for 24 hours. Use a UUID.
                 * @example 5f8a6c0e-2d7b-4d7e-9a57-3f1e0f1c2b9d
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "ada@example.com",
                 *       "password": "correct horse battery",
                 *       "ip_address": "203.0.113.7",
                 *       "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15"
                 *     }
                 */
                "application/json": components["schemas"]["CreateSessionRequest"];
            };
        };
        responses: {
            /** @description The new session. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ses_01J9Z4A1B2C3",
                     *       "user_id": "usr_01J9Z3K7Q2M5",
                     *       "status": "active",
                     *       "ip_address": "203.0.113.7",
                     *       "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15",
                     *       "created_at": "2026-03-13T16:59:00Z",
                     *       "expires_at": "2026-03-27T16:59:00Z",
                     *       "revoked_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    revokeSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of a login session, prefixed `ses_`.
                 * @example ses_01J9Z4A1B2C3
                 */
                session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked session. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ses_01J9Z4A1B2C3",
                     *       "user_id": "usr_01J9Z3K7Q2M5",
                     *       "status": "revoked",
                     *       "ip_address": "203.0.113.7",
                     *       "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15",
                     *       "created_at": "2026-03-13T16:59:00Z",
                     *       "expires_at": "2026-03-27T16:59:00Z",
                     *       "revoked_at": "2026-03-13T18:30:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Session"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "acct_01J9Z1X0Y9W8",
                     *       "name": "Acme Shop",
                     *       "email": "ops@acme.example",
                     *       "livemode": false,
                     *       "default_api_version": null,
                     *       "default_event_versions": {
                     *         "payment.succeeded": 2
                     *       },
                     *       "created_at": "2026-03-01T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Account"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    updateAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Acme Shop",
                 *       "default_event_versions": {
                 *         "payment.succeeded": 2
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["UpdateAccountRequest"];
            };
        };
        responses: {
            /** @description The updated account. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "acct_01J9Z1X0Y9W8",
                     *       "name": "Acme Shop",
                     *       "email": "ops@acme.example",
                     *       "livemode": false,
                     *       "default_api_version": null,
                     *       "default_event_versions": {
                     *         "payment.succeeded": 2
                     *       },
                     *       "created_at": "2026-03-01T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Account"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    createCheckoutSession: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key with the same body returns the first response (with `Idempotent-Replayed: true`); the same key with a different body is a 422 `idempotency_key_reused`; while the first request runs, a 409 `idempotency_key_in_use`. Keys are kept for 24 hours. Use a UUID.
                 * @example 5f8a6c0e-2d7b-4d7e-9a57-3f1e0f1c2b9d
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 4999,
                 *       "currency": "USD",
                 *       "user_id": "usr_01J9Z3K7Q2M5",
                 *       "customer_email": "ada@example.com",
                 *       "success_url": "https://shop.example.com/thanks",
                 *       "cancel_url": "https://shop.example.com/cart",
                 *       "metadata": {
                 *         "order_id": "order_1001"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateCheckoutSessionRequest"];
            };
        };
        responses: {
            /** @description The open checkout session. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "cs_01J9Z6F7G8H9",
                     *       "status": "open",
                     *       "mode": "payment",
                     *       "amount": 4999,
                     *       "currency": "USD",
                     *       "user_id": "usr_01J9Z3K7Q2M5",
                     *       "customer_id": null,
                     *       "customer_email": "ada@example.com",
                     *       "plan_id": null,
                     *       "interval": null,
                     *       "url": "https://checkout.hookline.dev/pay/cs_01J9Z6F7G8H9",
                     *       "success_url": "https://shop.example.com/thanks",
                     *       "cancel_url": "https://shop.example.com/cart",
                     *       "payment_id": null,
                     *       "subscription_id": null,
                     *       "created_at": "2026-03-13T16:59:30Z",
                     *       "expires_at": "2026-03-14T16:59:30Z",
                     *       "completed_at": null,
                     *       "metadata": {
                     *         "order_id": "order_1001"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["CheckoutSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getCheckoutSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of a checkout session, prefixed `cs_`.
                 * @example cs_01J9Z6F7G8H9
                 */
                checkout_session_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The checkout session. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "cs_01J9Z6F7G8H9",
                     *       "status": "complete",
                     *       "mode": "payment",
                     *       "amount": 4999,
                     *       "currency": "USD",
                     *       "user_id": "usr_01J9Z3K7Q2M5",
                     *       "customer_id": "cus_NffrFeUfNV2Hib",
                     *       "customer_email": "ada@example.com",
                     *       "plan_id": null,
                     *       "interval": null,
                     *       "url": "https://checkout.hookline.dev/pay/cs_01J9Z6F7G8H9",
                     *       "success_url": "https://shop.example.com/thanks",
                     *       "cancel_url": "https://shop.example.com/cart",
                     *       "payment_id": "pay_3MtwBwLkdIwHu7ix",
                     *       "subscription_id": null,
                     *       "created_at": "2026-03-13T16:59:30Z",
                     *       "expires_at": "2026-03-14T16:59:30Z",
                     *       "completed_at": "2026-03-13T17:00:00Z",
                     *       "metadata": {
                     *         "order_id": "order_1001"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["CheckoutSession"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    payCheckoutSession: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key with the same body returns the first response (with `Idempotent-Replayed: true`); the same key with a different body is a 422 `idempotency_key_reused`; while the first request runs, a 409 `idempotency_key_in_use`. Keys are kept for 24 hours. Use a UUID.
                 * @example 5f8a6c0e-2d7b-4d7e-9a57-3f1e0f1c2b9d
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description Identifier of a checkout session, prefixed `cs_`.
                 * @example cs_01J9Z6F7G8H9
                 */
                checkout_session_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "card": {
                 *         "number": "4242424242424242",
                 *         "exp_month": 12,
                 *         "exp_year": 2030,
                 *         "cvc": "123"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["PayCheckoutSessionRequest"];
            };
        };
        responses: {
            /** @description The checkout session after the attempt and the payment it made. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "checkout_session": {
                     *         "id": "cs_01J9Z6F7G8H9",
                     *         "status": "complete",
                     *         "mode": "payment",
                     *         "amount": 4999,
                     *         "currency": "USD",
                     *         "user_id": "usr_01J9Z3K7Q2M5",
                     *         "customer_id": "cus_NffrFeUfNV2Hib",
                     *         "customer_email": "ada@example.com",
                     *         "plan_id": null,
                     *         "interval": null,
                     *         "url": "https://checkout.hookline.dev/pay/cs_01J9Z6F7G8H9",
                     *         "success_url": "https://shop.example.com/thanks",
                     *         "cancel_url": "https://shop.example.com/cart",
                     *         "payment_id": "pay_3MtwBwLkdIwHu7ix",
                     *         "subscription_id": null,
                     *         "created_at": "2026-03-13T16:59:30Z",
                     *         "expires_at": "2026-03-14T16:59:30Z",
                     *         "completed_at": "2026-03-13T17:00:00Z",
                     *         "metadata": {
                     *           "order_id": "order_1001"
                     *         }
                     *       },
                     *       "payment": {
                     *         "id": "pay_3MtwBwLkdIwHu7ix",
                     *         "status": "succeeded",
                     *         "amount": 4999,
                     *         "currency": "USD",
                     *         "user_id": "usr_01J9Z3K7Q2M5",
                     *         "customer_id": "cus_NffrFeUfNV2Hib",
                     *         "checkout_session_id": "cs_01J9Z6F7G8H9",
                     *         "subscription_id": null,
                     *         "card": {
                     *           "brand": "visa",
                     *           "last4": "4242",
                     *           "exp_month": 12,
                     *           "exp_year": 2030
                     *         },
                     *         "failure_code": null,
                     *         "failure_message": null,
                     *         "created_at": "2026-03-13T17:00:00Z",
                     *         "metadata": {
                     *           "order_id": "order_1001"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["PayCheckoutSessionResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listPayments: {
        parameters: {
            query?: {
                /** @description How many objects to return, 1–100 (default 10). */
                limit?: number;
                /** @description A cursor: the id of the last payment of the previous page (its `next_cursor`, `pay_…`). The page starts right after it. */
                starting_after?: string;
                /** @description Only payments in this status. */
                status?: components["schemas"]["PaymentStatus"];
                /**
                 * @description Only payments of this user.
                 * @example usr_01J9Z3K7Q2M5
                 */
                user_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of payments. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "pay_3MtwBwLkdIwHu7ix",
                     *           "status": "succeeded",
                     *           "amount": 4999,
                     *           "currency": "USD",
                     *           "user_id": "usr_01J9Z3K7Q2M5",
                     *           "customer_id": "cus_NffrFeUfNV2Hib",
                     *           "checkout_session_id": "cs_01J9Z6F7G8H9",
                     *           "subscription_id": null,
                     *           "card": {
                     *             "brand": "visa",
                     *             "last4": "4242",
                     *             "exp_month": 12,
                     *             "exp_year": 2030
                     *           },
                     *           "failure_code": null,
                     *           "failure_message": null,
                     *           "created_at": "2026-03-13T17:00:00Z",
                     *           "metadata": {
                     *             "order_id": "order_1001"
                     *           }
                     *         }
                     *       ],
                     *       "has_more": false,
                     *       "next_cursor": "pay_3MtwBwLkdIwHu7ix"
                     *     }
                     */
                    "application/json": components["schemas"]["PaymentList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getPayment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of a payment, prefixed `pay_`.
                 * @example pay_3MtwBwLkdIwHu7ix
                 */
                payment_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The payment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "pay_3MtwBwLkdIwHu7ix",
                     *       "status": "succeeded",
                     *       "amount": 4999,
                     *       "currency": "USD",
                     *       "user_id": "usr_01J9Z3K7Q2M5",
                     *       "customer_id": "cus_NffrFeUfNV2Hib",
                     *       "checkout_session_id": "cs_01J9Z6F7G8H9",
                     *       "subscription_id": null,
                     *       "card": {
                     *         "brand": "visa",
                     *         "last4": "4242",
                     *         "exp_month": 12,
                     *         "exp_year": 2030
                     *       },
                     *       "failure_code": null,
                     *       "failure_message": null,
                     *       "created_at": "2026-03-13T17:00:00Z",
                     *       "metadata": {
                     *         "order_id": "order_1001"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Payment"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listSubscriptions: {
        parameters: {
            query?: {
                /** @description How many objects to return, 1–100 (default 10). */
                limit?: number;
                /** @description A cursor: the id of the last subscription of the previous page (its `next_cursor`, `sub_…`). The page starts right after it. */
                starting_after?: string;
                /**
                 * @description Only subscriptions of this user.
                 * @example usr_01J9Z3K7Q2M5
                 */
                user_id?: string;
                /** @description Only subscriptions in this status. */
                status?: components["schemas"]["SubscriptionStatus"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of subscriptions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "sub_01J9Z7J1K2L3",
                     *           "user_id": "usr_01J9Z3K7Q2M5",
                     *           "customer_id": "cus_NffrFeUfNV2Hib",
                     *           "status": "active",
                     *           "plan_id": "plan_pro_monthly",
                     *           "amount": 1500,
                     *           "currency": "USD",
                     *           "interval": "month",
                     *           "current_period_start": "2026-03-13T17:05:00Z",
                     *           "current_period_end": "2026-04-13T17:05:00Z",
                     *           "cancel_at_period_end": false,
                     *           "cancelled_at": null,
                     *           "cancellation_reason": null,
                     *           "created_at": "2026-03-13T17:05:00Z",
                     *           "metadata": {}
                     *         }
                     *       ],
                     *       "has_more": false,
                     *       "next_cursor": "sub_01J9Z7J1K2L3"
                     *     }
                     */
                    "application/json": components["schemas"]["SubscriptionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    createSubscription: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key with the same body returns the first response (with `Idempotent-Replayed: true`); the same key with a different body is a 422 `idempotency_key_reused`; while the first request runs, a 409 `idempotency_key_in_use`. Keys are kept for 24 hours. Use a UUID.
                 * @example 5f8a6c0e-2d7b-4d7e-9a57-3f1e0f1c2b9d
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "user_id": "usr_01J9Z3K7Q2M5",
                 *       "plan_id": "plan_pro_monthly",
                 *       "amount": 1500,
                 *       "currency": "USD",
                 *       "interval": "month"
                 *     }
                 */
                "application/json": components["schemas"]["CreateSubscriptionRequest"];
            };
        };
        responses: {
            /** @description The created subscription. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "sub_01J9Z7J1K2L3",
                     *       "user_id": "usr_01J9Z3K7Q2M5",
                     *       "customer_id": "cus_NffrFeUfNV2Hib",
                     *       "status": "active",
                     *       "plan_id": "plan_pro_monthly",
                     *       "amount": 1500,
                     *       "currency": "USD",
                     *       "interval": "month",
                     *       "current_period_start": "2026-03-13T17:05:00Z",
                     *       "current_period_end": "2026-04-13T17:05:00Z",
                     *       "cancel_at_period_end": false,
                     *       "cancelled_at": null,
                     *       "cancellation_reason": null,
                     *       "created_at": "2026-03-13T17:05:00Z",
                     *       "metadata": {}
                     *     }
                     */
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of a subscription, prefixed `sub_`.
                 * @example sub_01J9Z7J1K2L3
                 */
                subscription_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "sub_01J9Z7J1K2L3",
                     *       "user_id": "usr_01J9Z3K7Q2M5",
                     *       "customer_id": "cus_NffrFeUfNV2Hib",
                     *       "status": "active",
                     *       "plan_id": "plan_pro_monthly",
                     *       "amount": 1500,
                     *       "currency": "USD",
                     *       "interval": "month",
                     *       "current_period_start": "2026-03-13T17:05:00Z",
                     *       "current_period_end": "2026-04-13T17:05:00Z",
                     *       "cancel_at_period_end": false,
                     *       "cancelled_at": null,
                     *       "cancellation_reason": null,
                     *       "created_at": "2026-03-13T17:05:00Z",
                     *       "metadata": {}
                     *     }
                     */
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    cancelSubscription: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key with the same body returns the first response (with `Idempotent-Replayed: true`); the same key with a different body is a 422 `idempotency_key_reused`; while the first request runs, a 409 `idempotency_key_in_use`. Keys are kept for 24 hours. Use a UUID.
                 * @example 5f8a6c0e-2d7b-4d7e-9a57-3f1e0f1c2b9d
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description Identifier of a subscription, prefixed `sub_`.
                 * @example sub_01J9Z7J1K2L3
                 */
                subscription_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "at_period_end": false,
                 *       "reason": "switched_service",
                 *       "feedback": "Moving to the yearly plan"
                 *     }
                 */
                "application/json": components["schemas"]["CancelSubscriptionRequest"];
            };
        };
        responses: {
            /** @description The cancelled subscription. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "sub_01J9Z7J1K2L3",
                     *       "user_id": "usr_01J9Z3K7Q2M5",
                     *       "customer_id": "cus_NffrFeUfNV2Hib",
                     *       "status": "cancelled",
                     *       "plan_id": "plan_pro_monthly",
                     *       "amount": 1500,
                     *       "currency": "USD",
                     *       "interval": "month",
                     *       "current_period_start": "2026-03-13T17:05:00Z",
                     *       "current_period_end": "2026-04-13T17:05:00Z",
                     *       "cancel_at_period_end": false,
                     *       "cancelled_at": "2026-03-20T10:00:00Z",
                     *       "cancellation_reason": "switched_service",
                     *       "created_at": "2026-03-13T17:05:00Z",
                     *       "metadata": {}
                     *     }
                     */
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description How many objects to return, 1–100 (default 10). */
                limit?: number;
                /** @description A cursor: the id of the last event of the previous page (its `next_cursor`, `evt_…`). The page starts right after it. */
                starting_after?: string;
                /**
                 * @description Only events of this type; `payment.*` matches every payment event.
                 * @example payment.*
                 */
                type?: components["schemas"]["EventPattern"];
                /** @description Only events about this object. */
                resource_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1",
                     *           "event": "payment.succeeded",
                     *           "version": 2,
                     *           "timestamp": "2026-03-13T17:10:01Z",
                     *           "resource_id": "pay_3MtwBwLkdIwHu7ix",
                     *           "metadata": {
                     *             "amount": {
                     *               "value": 4298,
                     *               "currency": "USD"
                     *             },
                     *             "fee": {
                     *               "value": 155,
                     *               "currency": "USD"
                     *             },
                     *             "customer_id": "cus_NffrFeUfNV2Hib",
                     *             "payment_method": {
                     *               "type": "card",
                     *               "card": {
                     *                 "brand": "visa",
                     *                 "last4": "4242"
                     *               }
                     *             },
                     *             "receipt_email": "ada@example.com",
                     *             "invoice_id": null,
                     *             "statement_descriptor": "HOOKLINE SHOP"
                     *           }
                     *         }
                     *       ],
                     *       "has_more": false,
                     *       "next_cursor": "evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1"
                     *     }
                     */
                    "application/json": components["schemas"]["EventList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of an event, prefixed `evt_`; the `webhook-id` of its deliveries.
                 * @example evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1
                 */
                event_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1",
                     *       "event": "payment.succeeded",
                     *       "version": 2,
                     *       "timestamp": "2026-03-13T17:10:01Z",
                     *       "resource_id": "pay_3MtwBwLkdIwHu7ix",
                     *       "metadata": {
                     *         "amount": {
                     *           "value": 4298,
                     *           "currency": "USD"
                     *         },
                     *         "fee": {
                     *           "value": 155,
                     *           "currency": "USD"
                     *         },
                     *         "customer_id": "cus_NffrFeUfNV2Hib",
                     *         "payment_method": {
                     *           "type": "card",
                     *           "card": {
                     *             "brand": "visa",
                     *             "last4": "4242"
                     *           }
                     *         },
                     *         "receipt_email": "ada@example.com",
                     *         "invoice_id": null,
                     *         "statement_descriptor": "HOOKLINE SHOP"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Event"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: {
                /** @description How many objects to return, 1–100 (default 10). */
                limit?: number;
                /** @description A cursor: the id of the last webhook endpoint of the previous page (its `next_cursor`, `we_…`). The page starts right after it. */
                starting_after?: string;
                /** @description Only endpoints in this status. */
                status?: "enabled" | "disabled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of webhook endpoints. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "we_01J9Z8M4N5P6",
                     *           "url": "https://shop.example.com/webhooks/hookline",
                     *           "description": "Shop backend",
                     *           "enabled_events": [
                     *             "payment.*",
                     *             "checkout.completed",
                     *             "user.created"
                     *           ],
                     *           "api_version": null,
                     *           "event_versions": {
                     *             "payment.succeeded": 2
                     *           },
                     *           "status": "enabled",
                     *           "disabled_reason": null,
                     *           "secret_rotated_at": null,
                     *           "created_at": "2026-03-01T09:10:00Z",
                     *           "updated_at": "2026-03-01T09:10:00Z",
                     *           "metadata": {}
                     *         }
                     *       ],
                     *       "has_more": false,
                     *       "next_cursor": "we_01J9Z8M4N5P6"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key with the same body returns the first response (with `Idempotent-Replayed: true`); the same key with a different body is a 422 `idempotency_key_reused`; while the first request runs, a 409 `idempotency_key_in_use`. Keys are kept for 24 hours. Use a UUID.
                 * @example 5f8a6c0e-2d7b-4d7e-9a57-3f1e0f1c2b9d
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://shop.example.com/webhooks/hookline",
                 *       "enabled_events": [
                 *         "payment.*",
                 *         "checkout.completed",
                 *         "user.created"
                 *       ],
                 *       "description": "Shop backend",
                 *       "event_versions": {
                 *         "payment.succeeded": 2
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateWebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description The endpoint with its signing secret. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "we_01J9Z8M4N5P6",
                     *       "url": "https://shop.example.com/webhooks/hookline",
                     *       "description": "Shop backend",
                     *       "enabled_events": [
                     *         "payment.*",
                     *         "checkout.completed",
                     *         "user.created"
                     *       ],
                     *       "api_version": null,
                     *       "event_versions": {
                     *         "payment.succeeded": 2
                     *       },
                     *       "status": "enabled",
                     *       "disabled_reason": null,
                     *       "secret_rotated_at": null,
                     *       "created_at": "2026-03-01T09:10:00Z",
                     *       "updated_at": "2026-03-01T09:10:00Z",
                     *       "metadata": {},
                     *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of a webhook endpoint, prefixed `we_`.
                 * @example we_01J9Z8M4N5P6
                 */
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The webhook endpoint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "we_01J9Z8M4N5P6",
                     *       "url": "https://shop.example.com/webhooks/hookline",
                     *       "description": "Shop backend",
                     *       "enabled_events": [
                     *         "payment.*",
                     *         "checkout.completed",
                     *         "user.created"
                     *       ],
                     *       "api_version": null,
                     *       "event_versions": {
                     *         "payment.succeeded": 2
                     *       },
                     *       "status": "enabled",
                     *       "disabled_reason": null,
                     *       "secret_rotated_at": null,
                     *       "created_at": "2026-03-01T09:10:00Z",
                     *       "updated_at": "2026-03-01T09:10:00Z",
                     *       "metadata": {}
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of a webhook endpoint, prefixed `we_`.
                 * @example we_01J9Z8M4N5P6
                 */
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint was deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "we_01J9Z8M4N5P6",
                     *       "deleted": true
                     *     }
                     */
                    "application/json": components["schemas"]["DeletedWebhookEndpoint"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of a webhook endpoint, prefixed `we_`.
                 * @example we_01J9Z8M4N5P6
                 */
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "enabled_events": [
                 *         "*"
                 *       ],
                 *       "disabled": false
                 *     }
                 */
                "application/json": components["schemas"]["UpdateWebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description The updated webhook endpoint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "we_01J9Z8M4N5P6",
                     *       "url": "https://shop.example.com/webhooks/hookline",
                     *       "description": "Shop backend",
                     *       "enabled_events": [
                     *         "*"
                     *       ],
                     *       "api_version": null,
                     *       "event_versions": {
                     *         "payment.succeeded": 2
                     *       },
                     *       "status": "enabled",
                     *       "disabled_reason": null,
                     *       "secret_rotated_at": null,
                     *       "created_at": "2026-03-01T09:10:00Z",
                     *       "updated_at": "2026-03-14T08:00:00Z",
                     *       "metadata": {}
                     *     }
                     */
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    rotateWebhookEndpointSecret: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key with the same body returns the first response (with `Idempotent-Replayed: true`); the same key with a different body is a 422 `idempotency_key_reused`; while the first request runs, a 409 `idempotency_key_in_use`. Keys are kept for 24 hours. Use a UUID.
                 * @example 5f8a6c0e-2d7b-4d7e-9a57-3f1e0f1c2b9d
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description Identifier of a webhook endpoint, prefixed `we_`.
                 * @example we_01J9Z8M4N5P6
                 */
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "grace_period_seconds": 86400
                 *     }
                 */
                "application/json": components["schemas"]["RotateWebhookSecretRequest"];
            };
        };
        responses: {
            /** @description The new secret. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "webhook_endpoint_id": "we_01J9Z8M4N5P6",
                     *       "secret": "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
                     *       "previous_secret_expires_at": "2026-03-15T08:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["RotateWebhookSecretResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    testWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key with the same body returns the first response (with `Idempotent-Replayed: true`); the same key with a different body is a 422 `idempotency_key_reused`; while the first request runs, a 409 `idempotency_key_in_use`. Keys are kept for 24 hours. Use a UUID.
                 * @example 5f8a6c0e-2d7b-4d7e-9a57-3f1e0f1c2b9d
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description Identifier of a webhook endpoint, prefixed `we_`.
                 * @example we_01J9Z8M4N5P6
                 */
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "event": "payment.succeeded",
                 *       "version": 2
                 *     }
                 */
                "application/json": components["schemas"]["TestWebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description The delivery of the test event, queued. */
            202: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "dlv_01J9Z9Q7R8S9",
                     *       "endpoint_id": "we_01J9Z8M4N5P6",
                     *       "event_id": "evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1",
                     *       "event_type": "payment.succeeded",
                     *       "event_version": 2,
                     *       "status": "pending",
                     *       "attempt_count": 0,
                     *       "next_attempt_at": "2026-03-13T17:00:00Z",
                     *       "created_at": "2026-03-13T17:00:00Z",
                     *       "updated_at": "2026-03-13T17:00:31Z",
                     *       "attempts": []
                     *     }
                     */
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    listWebhookEndpointDeliveries: {
        parameters: {
            query?: {
                /** @description How many objects to return, 1–100 (default 10). */
                limit?: number;
                /** @description A cursor: the id of the last delivery of the previous page (its `next_cursor`, `dlv_…`). The page starts right after it. */
                starting_after?: string;
                /** @description Only deliveries in this status. */
                status?: components["schemas"]["DeliveryStatus"];
                /**
                 * @description Only deliveries of this event.
                 * @example evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1
                 */
                event_id?: string;
            };
            header?: never;
            path: {
                /**
                 * @description Identifier of a webhook endpoint, prefixed `we_`.
                 * @example we_01J9Z8M4N5P6
                 */
                endpoint_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of deliveries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "data": [
                     *         {
                     *           "id": "dlv_01J9Z9Q7R8S9",
                     *           "endpoint_id": "we_01J9Z8M4N5P6",
                     *           "event_id": "evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1",
                     *           "event_type": "payment.succeeded",
                     *           "event_version": 2,
                     *           "status": "succeeded",
                     *           "attempt_count": 2,
                     *           "next_attempt_at": null,
                     *           "created_at": "2026-03-13T17:00:00Z",
                     *           "updated_at": "2026-03-13T17:00:31Z",
                     *           "attempts": [
                     *             {
                     *               "attempt": 1,
                     *               "started_at": "2026-03-13T17:00:00Z",
                     *               "status_code": 503,
                     *               "latency_ms": 212,
                     *               "response_excerpt": "Service Unavailable",
                     *               "error": null,
                     *               "succeeded": false
                     *             },
                     *             {
                     *               "attempt": 2,
                     *               "started_at": "2026-03-13T17:00:30Z",
                     *               "status_code": 200,
                     *               "latency_ms": 48,
                     *               "response_excerpt": "{\"received\":true}",
                     *               "error": null,
                     *               "succeeded": true
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "has_more": false,
                     *       "next_cursor": "dlv_01J9Z9Q7R8S9"
                     *     }
                     */
                    "application/json": components["schemas"]["DeliveryList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Identifier of a delivery, prefixed `dlv_`.
                 * @example dlv_01J9Z9Q7R8S9
                 */
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "dlv_01J9Z9Q7R8S9",
                     *       "endpoint_id": "we_01J9Z8M4N5P6",
                     *       "event_id": "evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1",
                     *       "event_type": "payment.succeeded",
                     *       "event_version": 2,
                     *       "status": "succeeded",
                     *       "attempt_count": 2,
                     *       "next_attempt_at": null,
                     *       "created_at": "2026-03-13T17:00:00Z",
                     *       "updated_at": "2026-03-13T17:00:31Z",
                     *       "attempts": [
                     *         {
                     *           "attempt": 1,
                     *           "started_at": "2026-03-13T17:00:00Z",
                     *           "status_code": 503,
                     *           "latency_ms": 212,
                     *           "response_excerpt": "Service Unavailable",
                     *           "error": null,
                     *           "succeeded": false
                     *         },
                     *         {
                     *           "attempt": 2,
                     *           "started_at": "2026-03-13T17:00:30Z",
                     *           "status_code": 200,
                     *           "latency_ms": 48,
                     *           "response_excerpt": "{\"received\":true}",
                     *           "error": null,
                     *           "succeeded": true
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    retryDelivery: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the POST safe to retry: the same key with the same body returns the first response (with `Idempotent-Replayed: true`); the same key with a different body is a 422 `idempotency_key_reused`; while the first request runs, a 409 `idempotency_key_in_use`. Keys are kept for 24 hours. Use a UUID.
                 * @example 5f8a6c0e-2d7b-4d7e-9a57-3f1e0f1c2b9d
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description Identifier of a delivery, prefixed `dlv_`.
                 * @example dlv_01J9Z9Q7R8S9
                 */
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery, queued for another attempt. */
            202: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "dlv_01J9Z9Q7R8S9",
                     *       "endpoint_id": "we_01J9Z8M4N5P6",
                     *       "event_id": "evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1",
                     *       "event_type": "payment.succeeded",
                     *       "event_version": 2,
                     *       "status": "pending",
                     *       "attempt_count": 2,
                     *       "next_attempt_at": "2026-03-13T18:00:00Z",
                     *       "created_at": "2026-03-13T17:00:00Z",
                     *       "updated_at": "2026-03-13T17:00:31Z",
                     *       "attempts": [
                     *         {
                     *           "attempt": 1,
                     *           "started_at": "2026-03-13T17:00:00Z",
                     *           "status_code": 503,
                     *           "latency_ms": 212,
                     *           "response_excerpt": "Service Unavailable",
                     *           "error": null,
                     *           "succeeded": false
                     *         },
                     *         {
                     *           "attempt": 2,
                     *           "started_at": "2026-03-13T17:00:30Z",
                     *           "status_code": 200,
                     *           "latency_ms": 48,
                     *           "response_excerpt": "{\"received\":true}",
                     *           "error": null,
                     *           "succeeded": true
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyReused"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    getAnalyticsSummary: {
        parameters: {
            query?: {
                /** @description Count only what was created at or after this time. */
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The counts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "generated_at": "2026-03-13T18:00:00Z",
                     *       "since": null,
                     *       "users": {
                     *         "total": 128
                     *       },
                     *       "sessions": {
                     *         "total": 940,
                     *         "active": 87
                     *       },
                     *       "payments": {
                     *         "total": 310,
                     *         "by_status": {
                     *           "processing": 2,
                     *           "succeeded": 291,
                     *           "failed": 17
                     *         },
                     *         "volume": [
                     *           {
                     *             "currency": "USD",
                     *             "amount": 1455300
                     *           }
                     *         ]
                     *       },
                     *       "subscriptions": {
                     *         "total": 64,
                     *         "by_status": {
                     *           "trialing": 0,
                     *           "incomplete": 0,
                     *           "active": 58,
                     *           "past_due": 1,
                     *           "cancelled": 5
                     *         }
                     *       },
                     *       "events": {
                     *         "total": 1712,
                     *         "by_type": {
                     *           "user.created": 128,
                     *           "user.login": 940,
                     *           "payment.succeeded": 291
                     *         }
                     *       },
                     *       "webhook_endpoints": {
                     *         "enabled": 2,
                     *         "disabled": 1
                     *       },
                     *       "deliveries": {
                     *         "total": 3410,
                     *         "by_status": {
                     *           "pending": 3,
                     *           "succeeded": 3391,
                     *           "failed": 4,
                     *           "dead": 12
                     *         },
                     *         "success_rate": 0.9953
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["AnalyticsSummary"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
        };
    };
    userCreatedV1Webhook: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.
                 * @example evt_01JQ3ZB6V4K8M2N7P9R1S3T5W0
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (the default tolerance) off your clock either way.
                 * @example 1773421092
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` for each `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description The contract version of the body: `1` here. When a body has no `version`, receivers use this header, and 1 when it is absent too.
                 * @example 1
                 */
                "X-Webhook-Version"?: "1";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JQ3ZB6V4K8M2N7P9R1S3T5W0",
                 *       "event": "user.created",
                 *       "version": 1,
                 *       "timestamp": "2026-03-13T16:58:12Z",
                 *       "resource_id": "usr_abc123",
                 *       "metadata": {
                 *         "email": "ada@example.com",
                 *         "email_verified": false,
                 *         "name": "Ada Lovelace",
                 *         "source": "signup",
                 *         "signup_method": "password",
                 *         "oauth_provider": null,
                 *         "locale": "en-GB",
                 *         "ip_address": "203.0.113.42",
                 *         "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["UserCreatedV1Event"];
            };
        };
        responses: {
            /** @description Acknowledged: the receiver stored the event. Any 2xx within the timeout counts; redirects are failures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not a valid event; the delivery is retried with backoff, then dead-lettered. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature or timestamp did not verify; retried with backoff, then dead-lettered. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests: retried after `Retry-After` seconds (or with backoff). */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unavailable: retried after `Retry-After` seconds (or with backoff). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    userLoginV1Webhook: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.
                 * @example evt_01JQ3ZC2H8D4F6G8J0K2M4N6P8
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (the default tolerance) off your clock either way.
                 * @example 1773421200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` for each `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description The contract version of the body: `1` here. When a body has no `version`, receivers use this header, and 1 when it is absent too.
                 * @example 1
                 */
                "X-Webhook-Version"?: "1";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JQ3ZC2H8D4F6G8J0K2M4N6P8",
                 *       "event": "user.login",
                 *       "version": 1,
                 *       "timestamp": "2026-03-13T17:00:00Z",
                 *       "resource_id": "usr_abc123",
                 *       "metadata": {
                 *         "ip_address": "203.0.113.42",
                 *         "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["UserLoginV1Event"];
            };
        };
        responses: {
            /** @description Acknowledged: the receiver stored the event. Any 2xx within the timeout counts; redirects are failures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not a valid event; the delivery is retried with backoff, then dead-lettered. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature or timestamp did not verify; retried with backoff, then dead-lettered. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests: retried after `Retry-After` seconds (or with backoff). */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unavailable: retried after `Retry-After` seconds (or with backoff). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    userLoginV2Webhook: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.
                 * @example evt_01JQ3ZD7Q1R3S5T7V9W1X3Y5Z7
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (the default tolerance) off your clock either way.
                 * @example 1773421200
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` for each `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description The contract version of the body: `2` here. When a body has no `version`, receivers use this header, and 1 when it is absent too.
                 * @example 2
                 */
                "X-Webhook-Version"?: "2";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JQ3ZD7Q1R3S5T7V9W1X3Y5Z7",
                 *       "event": "user.login",
                 *       "version": 2,
                 *       "timestamp": "2026-03-13T17:00:00Z",
                 *       "resource_id": "usr_abc123",
                 *       "metadata": {
                 *         "client": {
                 *           "ip_address": "203.0.113.42",
                 *           "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15"
                 *         },
                 *         "method": "passkey",
                 *         "mfa": false,
                 *         "session_id": "ses_9f8e7d6c5b"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["UserLoginV2Event"];
            };
        };
        responses: {
            /** @description Acknowledged: the receiver stored the event. Any 2xx within the timeout counts; redirects are failures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not a valid event; the delivery is retried with backoff, then dead-lettered. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature or timestamp did not verify; retried with backoff, then dead-lettered. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests: retried after `Retry-After` seconds (or with backoff). */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unavailable: retried after `Retry-After` seconds (or with backoff). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    userDeletedV1Webhook: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.
                 * @example evt_01JQ4A1B2C3D4E5F6G7H8J9K0M
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (the default tolerance) off your clock either way.
                 * @example 1773479565
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` for each `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description The contract version of the body: `1` here. When a body has no `version`, receivers use this header, and 1 when it is absent too.
                 * @example 1
                 */
                "X-Webhook-Version"?: "1";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JQ4A1B2C3D4E5F6G7H8J9K0M",
                 *       "event": "user.deleted",
                 *       "version": 1,
                 *       "timestamp": "2026-03-14T09:12:45Z",
                 *       "resource_id": "usr_abc123",
                 *       "metadata": {
                 *         "deleted_by": "user",
                 *         "actor_id": null,
                 *         "reason": "gdpr_erasure",
                 *         "hard_delete": true
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["UserDeletedV1Event"];
            };
        };
        responses: {
            /** @description Acknowledged: the receiver stored the event. Any 2xx within the timeout counts; redirects are failures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not a valid event; the delivery is retried with backoff, then dead-lettered. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature or timestamp did not verify; retried with backoff, then dead-lettered. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests: retried after `Retry-After` seconds (or with backoff). */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unavailable: retried after `Retry-After` seconds (or with backoff). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    passwordResetRequestedV1Webhook: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.
                 * @example evt_01JQ3ZE5A7B9C1D3E5F7G9H1J3
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (the default tolerance) off your clock either way.
                 * @example 1773421530
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` for each `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description The contract version of the body: `1` here. When a body has no `version`, receivers use this header, and 1 when it is absent too.
                 * @example 1
                 */
                "X-Webhook-Version"?: "1";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JQ3ZE5A7B9C1D3E5F7G9H1J3",
                 *       "event": "password_reset.requested",
                 *       "version": 1,
                 *       "timestamp": "2026-03-13T17:05:30Z",
                 *       "resource_id": "usr_abc123",
                 *       "metadata": {
                 *         "email": "ada@example.com",
                 *         "delivery": "email",
                 *         "expires_at": "2026-03-13T18:05:30Z",
                 *         "ip_address": "203.0.113.42",
                 *         "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["PasswordResetRequestedV1Event"];
            };
        };
        responses: {
            /** @description Acknowledged: the receiver stored the event. Any 2xx within the timeout counts; redirects are failures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not a valid event; the delivery is retried with backoff, then dead-lettered. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature or timestamp did not verify; retried with backoff, then dead-lettered. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests: retried after `Retry-After` seconds (or with backoff). */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unavailable: retried after `Retry-After` seconds (or with backoff). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    mfaVerifiedV1Webhook: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.
                 * @example evt_01JQ3ZF1K3M5N7P9Q1R3S5T7V9
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (the default tolerance) off your clock either way.
                 * @example 1773421204
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` for each `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description The contract version of the body: `1` here. When a body has no `version`, receivers use this header, and 1 when it is absent too.
                 * @example 1
                 */
                "X-Webhook-Version"?: "1";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JQ3ZF1K3M5N7P9Q1R3S5T7V9",
                 *       "event": "mfa.verified",
                 *       "version": 1,
                 *       "timestamp": "2026-03-13T17:00:04Z",
                 *       "resource_id": "usr_abc123",
                 *       "metadata": {
                 *         "factor_type": "totp",
                 *         "factor_id": "mfa_7h6g5f4e",
                 *         "reason": "login",
                 *         "session_id": "ses_9f8e7d6c5b",
                 *         "ip_address": "203.0.113.42",
                 *         "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["MfaVerifiedV1Event"];
            };
        };
        responses: {
            /** @description Acknowledged: the receiver stored the event. Any 2xx within the timeout counts; redirects are failures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not a valid event; the delivery is retried with backoff, then dead-lettered. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature or timestamp did not verify; retried with backoff, then dead-lettered. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests: retried after `Retry-After` seconds (or with backoff). */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unavailable: retried after `Retry-After` seconds (or with backoff). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    sessionRevokedV1Webhook: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.
                 * @example evt_01JQ3ZG8W0X2Y4Z6A8B0C2D4E6
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (the default tolerance) off your clock either way.
                 * @example 1773430930
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` for each `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description The contract version of the body: `1` here. When a body has no `version`, receivers use this header, and 1 when it is absent too.
                 * @example 1
                 */
                "X-Webhook-Version"?: "1";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JQ3ZG8W0X2Y4Z6A8B0C2D4E6",
                 *       "event": "session.revoked",
                 *       "version": 1,
                 *       "timestamp": "2026-03-13T19:42:10Z",
                 *       "resource_id": "ses_9f8e7d6c5b",
                 *       "metadata": {
                 *         "user_id": "usr_abc123",
                 *         "reason": "logout",
                 *         "revoked_by": "user",
                 *         "ip_address": "203.0.113.42"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["SessionRevokedV1Event"];
            };
        };
        responses: {
            /** @description Acknowledged: the receiver stored the event. Any 2xx within the timeout counts; redirects are failures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not a valid event; the delivery is retried with backoff, then dead-lettered. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature or timestamp did not verify; retried with backoff, then dead-lettered. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests: retried after `Retry-After` seconds (or with backoff). */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unavailable: retried after `Retry-After` seconds (or with backoff). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    checkoutCompletedV1Webhook: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.
                 * @example evt_01JQ3ZH3J5K7L9M1N3P5Q7R9S1
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (the default tolerance) off your clock either way.
                 * @example 1773421802
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` for each `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description The contract version of the body: `1` here. When a body has no `version`, receivers use this header, and 1 when it is absent too.
                 * @example 1
                 */
                "X-Webhook-Version"?: "1";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JQ3ZH3J5K7L9M1N3P5Q7R9S1",
                 *       "event": "checkout.completed",
                 *       "version": 1,
                 *       "timestamp": "2026-03-13T17:10:02Z",
                 *       "resource_id": "cs_a1B2c3D4e5",
                 *       "metadata": {
                 *         "customer_id": "cus_NffrFeUfNV2Hib",
                 *         "customer_email": "ada@example.com",
                 *         "mode": "payment",
                 *         "amount_total": 4298,
                 *         "amount_discount": 500,
                 *         "amount_tax": 0,
                 *         "currency": "USD",
                 *         "payment_id": "pay_3MtwBwLkdIwHu7ix",
                 *         "subscription_id": null,
                 *         "line_items": [
                 *           {
                 *             "price_id": "price_1MoBy5LkdIwHu7ix",
                 *             "description": "Analytical Engine notebook",
                 *             "quantity": 2,
                 *             "unit_amount": 2399
                 *           }
                 *         ]
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CheckoutCompletedV1Event"];
            };
        };
        responses: {
            /** @description Acknowledged: the receiver stored the event. Any 2xx within the timeout counts; redirects are failures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not a valid event; the delivery is retried with backoff, then dead-lettered. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature or timestamp did not verify; retried with backoff, then dead-lettered. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests: retried after `Retry-After` seconds (or with backoff). */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unavailable: retried after `Retry-After` seconds (or with backoff). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    paymentSucceededV1Webhook: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.
                 * @example evt_01JQ3ZJ9T1V3W5X7Y9Z1A3B5C7
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (the default tolerance) off your clock either way.
                 * @example 1773421801
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` for each `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description The contract version of the body: `1` here. When a body has no `version`, receivers use this header, and 1 when it is absent too.
                 * @example 1
                 */
                "X-Webhook-Version"?: "1";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JQ3ZJ9T1V3W5X7Y9Z1A3B5C7",
                 *       "event": "payment.succeeded",
                 *       "version": 1,
                 *       "timestamp": "2026-03-13T17:10:01Z",
                 *       "resource_id": "pay_3MtwBwLkdIwHu7ix",
                 *       "metadata": {
                 *         "amount": 4298,
                 *         "currency": "USD",
                 *         "customer_id": "cus_NffrFeUfNV2Hib",
                 *         "payment_method": "card",
                 *         "card_brand": "visa",
                 *         "card_last4": "4242",
                 *         "receipt_email": "ada@example.com",
                 *         "invoice_id": null
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["PaymentSucceededV1Event"];
            };
        };
        responses: {
            /** @description Acknowledged: the receiver stored the event. Any 2xx within the timeout counts; redirects are failures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not a valid event; the delivery is retried with backoff, then dead-lettered. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature or timestamp did not verify; retried with backoff, then dead-lettered. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests: retried after `Retry-After` seconds (or with backoff). */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unavailable: retried after `Retry-After` seconds (or with backoff). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    paymentSucceededV2Webhook: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.
                 * @example evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (the default tolerance) off your clock either way.
                 * @example 1773421801
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` for each `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description The contract version of the body: `2` here. When a body has no `version`, receivers use this header, and 1 when it is absent too.
                 * @example 2
                 */
                "X-Webhook-Version"?: "2";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JQ3ZK8Y5Z7A9B1C3D5E7F9G1",
                 *       "event": "payment.succeeded",
                 *       "version": 2,
                 *       "timestamp": "2026-03-13T17:10:01Z",
                 *       "resource_id": "pay_3MtwBwLkdIwHu7ix",
                 *       "metadata": {
                 *         "amount": {
                 *           "value": 4298,
                 *           "currency": "USD"
                 *         },
                 *         "fee": {
                 *           "value": 155,
                 *           "currency": "USD"
                 *         },
                 *         "customer_id": "cus_NffrFeUfNV2Hib",
                 *         "payment_method": {
                 *           "type": "card",
                 *           "card": {
                 *             "brand": "visa",
                 *             "last4": "4242"
                 *           }
                 *         },
                 *         "receipt_email": "ada@example.com",
                 *         "invoice_id": null,
                 *         "statement_descriptor": "HOOKLINE SHOP"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["PaymentSucceededV2Event"];
            };
        };
        responses: {
            /** @description Acknowledged: the receiver stored the event. Any 2xx within the timeout counts; redirects are failures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not a valid event; the delivery is retried with backoff, then dead-lettered. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature or timestamp did not verify; retried with backoff, then dead-lettered. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests: retried after `Retry-After` seconds (or with backoff). */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unavailable: retried after `Retry-After` seconds (or with backoff). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    paymentFailedV1Webhook: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.
                 * @example evt_01JQ3ZM2B4C6D8E0F2G4H6J8K0
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (the default tolerance) off your clock either way.
                 * @example 1773421781
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` for each `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description The contract version of the body: `1` here. When a body has no `version`, receivers use this header, and 1 when it is absent too.
                 * @example 1
                 */
                "X-Webhook-Version"?: "1";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JQ3ZM2B4C6D8E0F2G4H6J8K0",
                 *       "event": "payment.failed",
                 *       "version": 1,
                 *       "timestamp": "2026-03-13T17:09:41Z",
                 *       "resource_id": "pay_3MtwBwLkdIwHu7iy",
                 *       "metadata": {
                 *         "amount": 4298,
                 *         "currency": "USD",
                 *         "customer_id": "cus_NffrFeUfNV2Hib",
                 *         "payment_method": "card",
                 *         "failure_code": "insufficient_funds",
                 *         "failure_message": "Your card has insufficient funds.",
                 *         "decline_code": "insufficient_funds",
                 *         "attempt_count": 1,
                 *         "next_retry_at": "2026-03-16T17:09:41Z",
                 *         "invoice_id": "inv_1MtHbELkdIwHu7ix"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["PaymentFailedV1Event"];
            };
        };
        responses: {
            /** @description Acknowledged: the receiver stored the event. Any 2xx within the timeout counts; redirects are failures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not a valid event; the delivery is retried with backoff, then dead-lettered. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature or timestamp did not verify; retried with backoff, then dead-lettered. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests: retried after `Retry-After` seconds (or with backoff). */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unavailable: retried after `Retry-After` seconds (or with backoff). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    subscriptionCreatedV1Webhook: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.
                 * @example evt_01JQ3ZN7E9F1G3H5J7K9L1M3N5
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (the default tolerance) off your clock either way.
                 * @example 1773421803
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` for each `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description The contract version of the body: `1` here. When a body has no `version`, receivers use this header, and 1 when it is absent too.
                 * @example 1
                 */
                "X-Webhook-Version"?: "1";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JQ3ZN7E9F1G3H5J7K9L1M3N5",
                 *       "event": "subscription.created",
                 *       "version": 1,
                 *       "timestamp": "2026-03-13T17:10:03Z",
                 *       "resource_id": "sub_1MowQVLkdIwHu7ix",
                 *       "metadata": {
                 *         "customer_id": "cus_NffrFeUfNV2Hib",
                 *         "plan": {
                 *           "id": "plan_pro_monthly",
                 *           "name": "Pro",
                 *           "amount": 2900,
                 *           "currency": "USD",
                 *           "interval": "month",
                 *           "interval_count": 1
                 *         },
                 *         "quantity": 1,
                 *         "status": "trialing",
                 *         "current_period_start": "2026-03-13T17:10:03Z",
                 *         "current_period_end": "2026-03-27T17:10:03Z",
                 *         "trial_end": "2026-03-27T17:10:03Z"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["SubscriptionCreatedV1Event"];
            };
        };
        responses: {
            /** @description Acknowledged: the receiver stored the event. Any 2xx within the timeout counts; redirects are failures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not a valid event; the delivery is retried with backoff, then dead-lettered. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature or timestamp did not verify; retried with backoff, then dead-lettered. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests: retried after `Retry-After` seconds (or with backoff). */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unavailable: retried after `Retry-After` seconds (or with backoff). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    subscriptionCancelledV1Webhook: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The event id (`evt_...`). The same on every retry of the same event: dedupe on it. Fills `id` when the body has none.
                 * @example evt_01JQ4B5C7D9E1F3G5H7J9K1M3N
                 */
                "webhook-id": string;
                /**
                 * @description Unix seconds when this attempt was signed. Reject deliveries more than 5 minutes (the default tolerance) off your clock either way.
                 * @example 1775118600
                 */
                "webhook-timestamp": string;
                /**
                 * @description Space-separated signatures: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">` for each `whsec_` secret (two during a rotation), or `v1a,<base64 Ed25519>`. Accept the delivery when any one verifies.
                 * @example v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=
                 */
                "webhook-signature": string;
                /**
                 * @description The contract version of the body: `1` here. When a body has no `version`, receivers use this header, and 1 when it is absent too.
                 * @example 1
                 */
                "X-Webhook-Version"?: "1";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "evt_01JQ4B5C7D9E1F3G5H7J9K1M3N",
                 *       "event": "subscription.cancelled",
                 *       "version": 1,
                 *       "timestamp": "2026-04-02T08:30:00Z",
                 *       "resource_id": "sub_1MowQVLkdIwHu7ix",
                 *       "metadata": {
                 *         "customer_id": "cus_NffrFeUfNV2Hib",
                 *         "plan_id": "plan_pro_monthly",
                 *         "cancelled_at": "2026-04-02T08:30:00Z",
                 *         "cancel_at_period_end": true,
                 *         "ends_at": "2026-04-27T17:10:03Z",
                 *         "cancelled_by": "customer",
                 *         "reason": "too_expensive",
                 *         "feedback": "Great product, but over budget for now."
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["SubscriptionCancelledV1Event"];
            };
        };
        responses: {
            /** @description Acknowledged: the receiver stored the event. Any 2xx within the timeout counts; redirects are failures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not a valid event; the delivery is retried with backoff, then dead-lettered. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The signature or timestamp did not verify; retried with backoff, then dead-lettered. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Gone: the endpoint is disabled and receives nothing more until re-enabled. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests: retried after `Retry-After` seconds (or with backoff). */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unavailable: retried after `Retry-After` seconds (or with backoff). */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
