import { Suspense, useMemo, useState } from 'react';
import { Avatar, Button, Dropdown, Flex, Grid, Layout, Menu, Spin, Typography, type MenuProps } from 'antd';
import {
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { BrandMark } from '../components/BrandMark';
import { LangSwitch } from '../components/LangSwitch';
import { useApiError } from '../hooks/useApiError';
import { useI18n } from '../i18n/I18nProvider';
import { activeNavEntry, navEntries } from '../nav';

const { Header, Sider, Content } = Layout;

/** The console frame: collapsible side navigation, header with language and user menu, page content. */
export default function AppLayout() {
  const { t } = useI18n();
  const { me, can, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const showError = useApiError();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);

  const visible = useMemo(() => navEntries.filter((e) => can(e.permission)), [can]);
  const active = activeNavEntry(location.pathname, visible);

  const menuItems: MenuProps['items'] = visible.map((e) => ({
    key: e.path,
    icon: e.icon,
    label: (
      <Link to={e.path} data-testid={`nav-${e.key}`}>
        {t(e.labelKey)}
        {e.badge && <e.badge />}
      </Link>
    ),
  }));

  const onLogout = async () => {
    try {
      await logout();
    } catch (e) {
      showError(e);
    }
    navigate('/login', { replace: true });
  };

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <LockOutlined />, label: <Link to="/change-password">{t('header.changePassword')}</Link> },
    ...(can('token.manage')
      ? [{ key: 'tokens', icon: <KeyOutlined />, label: <Link to="/tokens">{t('header.tokens')}</Link> }]
      : []),
    { type: 'divider' as const },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('header.logout')}</span>,
      onClick: () => void onLogout(),
    },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        collapsedWidth={screens.sm === false ? 0 : 64}
        trigger={null}
        width={220}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Link to="/" style={{ display: 'block' }}>
          <Flex align="center" gap={10} style={{ height: 64, padding: collapsed ? '0 16px' : '0 20px' }}>
            <BrandMark size={32} />
            {!collapsed && (
              <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
                {t('app.name')}
              </Typography.Text>
            )}
          </Flex>
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={active ? [active.path] : []}
          items={menuItems}
          onClick={({ key, domEvent }) => {
            // the label is a link; a click beside it still navigates
            if (!(domEvent.target as HTMLElement).closest('a')) navigate(key);
            if (screens.lg === false) setCollapsed(true);
          }}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            padding: '0 16px',
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            boxShadow: '0 1px 4px rgba(0, 21, 41, 0.08)',
          }}
        >
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed((c) => !c)}
            aria-label={collapsed ? t('header.expand') : t('header.collapse')}
          />
          <div style={{ flex: 1 }} />
          <LangSwitch />
          <Dropdown menu={{ items: userMenu }} trigger={['click']} placement="bottomRight">
            <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
              <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#2f54eb' }} />
              {screens.sm !== false && <span>{me?.displayName || me?.username}</span>}
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: screens.md === false ? 12 : 24, minWidth: 0 }}>
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 48 }}>
                <Spin />
              </Flex>
            }
          >
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
