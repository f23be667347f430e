package io.liuliang.journey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.liuliang.coupon.Coupons;
import io.liuliang.coupon.IssueResult;
import io.liuliang.coupon.IssueStatus;
import io.liuliang.customer.Customers;
import io.liuliang.journey.JourneyDefinition.FieldConfig;
import io.liuliang.journey.JourneyDefinition.Node;
import io.liuliang.journey.JourneyDefinition.PointsConfig;
import io.liuliang.journey.JourneyDefinition.RefConfig;
import io.liuliang.journey.JourneyDefinition.TaskConfig;
import io.liuliang.journey.JourneyDefinition.WebhookConfig;
import io.liuliang.loyalty.LoyaltyPoints;
import io.liuliang.messaging.Messaging;
import io.liuliang.messaging.SendOutcome;
import io.liuliang.messaging.SendRequest;
import io.liuliang.segment.ManualTags;
import io.liuliang.shared.CustomerId;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The side effects of action nodes, each keyed by enrolment and node ({@link #key}): the other modules' facades
 * (messages, coupons, points, tags, profile fields) make a repeated key a no-op, and the journey's own tasks and
 * webhooks are unique by it.
 */
@Component
class JourneyActions {

    static final String SOURCE = "journey";

    private final Messaging messaging;
    private final Coupons coupons;
    private final LoyaltyPoints points;
    private final ManualTags tags;
    private final Customers customers;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final JourneySecrets secrets;

    JourneyActions(Messaging messaging, Coupons coupons, LoyaltyPoints points, ManualTags tags, Customers customers,
                   JdbcClient jdbc, JsonMapper json, Clock clock, JourneySecrets secrets) {
        this.messaging = messaging;
        this.coupons = coupons;
        this.points = points;
        this.tags = tags;
        this.customers = customers;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** What an action changed on the enrolment: a coupon code for later messages, a touch for attribution. */
    record Done(String couponCode, boolean touched, String note) {

        static Done nothing(String note) {
            return new Done(null, false, note);
        }
    }

    static String key(UUID enrolment, String node) {
        return enrolment + ":" + node;
    }

    /** A send-message step of an enrolment. */
    record Message(CompiledJourney journey, UUID enrolment, CustomerId customer, String couponCode, Node node) {
    }

    /** Queues the messages of many send-message steps at once; what each did, in their order. */
    List<Done> sendAll(List<Message> messages) {
        return messaging.sendAll(messages.stream().map(JourneyActions::request).toList()).stream()
                .map(JourneyActions::done).toList();
    }

    private static SendRequest request(Message m) {
        return new SendRequest(m.customer(), ((RefConfig) m.node().config()).ref(), key(m.enrolment(), m.node().id()),
                SOURCE, m.journey().journeyId() + ":" + m.journey().version() + ":" + m.node().id(), m.couponCode());
    }

    private static Done done(SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Skipped) {
            return Done.nothing("message skipped: " + ((SendOutcome.Skipped) outcome).reason().code());
        }
        return new Done(null, true, null);
    }

    Done run(CompiledJourney journey, UUID enrolment, CustomerId customer, String couponCode, Node node) {
        String key = key(enrolment, node.id());
        switch (node.type()) {
            case SEND_MESSAGE:
                return done(messaging.send(request(new Message(journey, enrolment, customer, couponCode, node))));
            case ISSUE_COUPON: {
                IssueResult r = coupons.issue(((RefConfig) node.config()).ref(), customer, key, SOURCE);
                if (r.status() == IssueStatus.REJECTED) {
                    return Done.nothing("coupon not issued: " + r.reason());
                }
                return new Done(r.coupon().code(), true, null);
            }
            case ADJUST_POINTS: {
                PointsConfig c = (PointsConfig) node.config();
                Optional<Long> balance = points.award(customer, c.points(), key, c.reason(), SOURCE);
                return balance.isPresent() ? new Done(null, true, null) : Done.nothing("no loyalty member");
            }
            case ADD_TAG:
                tags.give(((RefConfig) node.config()).ref(), customer, SOURCE, SOURCE + ":" + journey.journeyId());
                return Done.nothing(null);
            case REMOVE_TAG:
                tags.take(((RefConfig) node.config()).ref(), customer);
                return Done.nothing(null);
            case UPDATE_FIELD: {
                FieldConfig c = (FieldConfig) node.config();
                customers.updateProfileField(customer, Customers.ProfileField.valueOf(c.field().name()), c.value());
                return Done.nothing(null);
            }
            case CREATE_TASK: {
                TaskConfig c = (TaskConfig) node.config();
                Instant due = clock.instant().plus(Duration.ofHours(c.dueInHours()));
                jdbc.sql("INSERT INTO journey_task (id, idem_key, journey_id, enrolment_id, customer_id, title, description, "
                                + "assignee, due_at) VALUES (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?) "
                                + "ON CONFLICT (idem_key) DO NOTHING")
                        .params(key, journey.journeyId(), enrolment, customer.value(), c.title(), c.description(),
                                c.assignee(), Enroller.at(due))
                        .update();
                return Done.nothing(null);
            }
            case WEBHOOK: {
                WebhookConfig c = (WebhookConfig) node.config();
                ObjectNode body = json.createObjectNode();
                body.put("journeyId", journey.journeyId().toString());
                body.put("version", journey.version());
                body.put("nodeId", node.id());
                body.put("enrolmentId", enrolment.toString());
                body.put("customerId", customer.value().toString());
                body.put("couponCode", couponCode);
                body.put("at", clock.instant().toString());
                jdbc.sql("INSERT INTO journey_webhook (id, idem_key, journey_id, url, secret, body) "
                                + "VALUES (gen_random_uuid(), ?, ?, ?, ?, ?) ON CONFLICT (idem_key) DO NOTHING")
                        .params(key, journey.journeyId(), c.url(), secrets.seal(c.secret()), body.toString()).update();
                return new Done(null, true, null);
            }
            default:
                throw new IllegalArgumentException("not an action: " + node.type());
        }
    }

    static final List<NodeType> ACTIONS = List.of(NodeType.SEND_MESSAGE, NodeType.ISSUE_COUPON, NodeType.ADJUST_POINTS,
            NodeType.ADD_TAG, NodeType.REMOVE_TAG, NodeType.UPDATE_FIELD, NodeType.CREATE_TASK, NodeType.WEBHOOK);
}
