package io.liuliang.segment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.FieldError;
import tools.jackson.databind.JsonNode;

/** {@link CustomerConditions} and {@link ManualTags} over the segment module's parser, SQL and tag store. */
@Service
class CustomerConditionService implements CustomerConditions, ManualTags {

    private final ConditionValidator validator;
    private final SegmentMembership membership;
    private final TagStore tags;
    private final TagService tagService;
    private final Clock clock;

    CustomerConditionService(ConditionValidator validator, SegmentMembership membership, TagStore tags,
                             TagService tagService, Clock clock) {
        this.validator = validator;
        this.membership = membership;
        this.tags = tags;
        this.tagService = tagService;
        this.clock = clock;
    }

    @Override
    public List<FieldError> check(JsonNode condition, String path) {
        try {
            validator.parse(condition, null);
            return List.of();
        } catch (ApiProblemException e) {
            List<FieldError> out = new ArrayList<>();
            for (FieldError f : e.fieldErrors()) {
                String field = f.field().startsWith("condition") ? path + f.field().substring("condition".length())
                        : path + "." + f.field();
                out.add(new FieldError(field, f.message(), f.code(), f.params()));
            }
            return out.isEmpty() ? List.of(new FieldError(path, e.getMessage())) : out;
        }
    }

    @Override
    @Transactional(readOnly = true)
    public Set<CustomerId> matching(JsonNode condition, Collection<CustomerId> customers) {
        if (customers.isEmpty()) {
            return Set.of();
        }
        Condition parsed = validator.parse(condition, null);
        return membership.matching(parsed, customers.stream().map(CustomerId::value).toArray(UUID[]::new),
                        clock.instant())
                .stream().map(CustomerId::new).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Optional<String> manualTagName(UUID tagId) {
        return tags.find(tagId).filter(t -> t.kind() == TagKind.MANUAL).map(TagRow::name);
    }

    @Override
    @Transactional
    public boolean give(UUID tagId, CustomerId customer, String source, String actor) {
        return tagService.giveOne(tagId, customer.value(), source, actor);
    }

    @Override
    @Transactional
    public boolean take(UUID tagId, CustomerId customer) {
        return tagService.takeOne(tagId, customer.value());
    }
}
