package io.liuliang.shared;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorPageTests {

    @Test
    void anExtraRowMeansThereIsANextPage() {
        CursorPage<Integer> page = CursorPage.of(List.of(1, 2, 3), 2, i -> PageRequest.encode(Integer.toString(i)));
        assertThat(page.items()).containsExactly(1, 2);
        assertThat(PageRequest.of(2, page.nextCursor()).cursorAsLong()).isEqualTo(2L);
    }

    @Test
    void theLastPageHasNoCursor() {
        assertThat(CursorPage.of(List.of(1, 2), 2, i -> "x").nextCursor()).isNull();
    }

    @Test
    void limitsAndCursorsAreValidated() {
        assertThat(PageRequest.of(null, null).limit()).isEqualTo(CursorPage.DEFAULT_LIMIT);
        assertThatThrownBy(() -> PageRequest.of(0, null)).isInstanceOf(ApiProblemException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> PageRequest.of(CursorPage.MAX_LIMIT + 1, null)).hasMessageContaining("limit");
        assertThatThrownBy(() -> PageRequest.of(10, "@@@")).hasMessageContaining("cursor");
        assertThatThrownBy(() -> PageRequest.of(10, PageRequest.encode("not-a-number")).cursorAsLong())
                .hasMessageContaining("cursor");
    }
}
